package dev.flagledger.domain.approval;


import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The author sets the title and the linked ticket. */
public record DescribeChangeRequest(@TargetAggregateIdentifier String changeRequestId, String environment, String title, String ticket) {
}
