package dev.flagledger.projections.schedule;

/** Where a scheduled change stands: waiting, or resolved one of three ways. */
public enum ScheduleStatus { PENDING, APPLIED, CANCELLED, FAILED }
