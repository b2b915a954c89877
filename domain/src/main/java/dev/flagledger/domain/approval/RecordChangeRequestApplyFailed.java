package dev.flagledger.domain.approval;


import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the server's applier after a failed apply rolled back. */
public record RecordChangeRequestApplyFailed(@TargetAggregateIdentifier String changeRequestId, String code, String failure) {
}
