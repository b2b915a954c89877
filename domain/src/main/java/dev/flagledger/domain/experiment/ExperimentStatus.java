package dev.flagledger.domain.experiment;

/** draft → running → stopped → concluded. Only a running experiment changes the flag's serving. */
public enum ExperimentStatus { DRAFT, RUNNING, STOPPED, CONCLUDED }
