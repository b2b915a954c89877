package dev.flagledger.domain.approval;


import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The author withdraws the proposal. */
public record WithdrawChangeRequest(@TargetAggregateIdentifier String changeRequestId, String environment, String comment) {
}
