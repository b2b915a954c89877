package dev.flagledger.domain.shared;

/**
 * Keys of the metadata every command carries and every event inherits from it. Approvals and
 * compliance reports will be built on these, so they are part of the event contract.
 */
public final class ChangeMetadata {
    public static final String ACTOR_SUBJECT = "actorSubject";
    public static final String ACTOR_NAME = "actorName";
    /** The actor's e-mail address when their identity provider tells it (personal data: sealed, docs/privacy.md). */
    public static final String ACTOR_EMAIL = "actorEmail";
    public static final String ACTOR_AUTHENTICATION = "actorAuthentication";
    /** The identity provider (token issuer) that vouched for the actor; absent for local accounts. */
    public static final String ACTOR_IDENTITY_PROVIDER = "actorIdentityProvider";
    /** On changes made with an API token: the admin who created the token (the actor is the token). */
    public static final String ACTOR_ON_BEHALF_OF_SUBJECT = "actorOnBehalfOfSubject";
    public static final String ACTOR_ON_BEHALF_OF_NAME = "actorOnBehalfOfName";
    public static final String REASON = "reason";
    /**
     * Where a change came from outside Flagledger, when the caller says so (the CLI's apply does): the
     * version-control commit of the configuration files, and a ticket reference. Optional; events
     * written before these keys existed simply lack them.
     */
    public static final String VCS_COMMIT = "vcsCommit";
    public static final String TICKET = "ticket";
    public static final String CORRELATION_ID = "correlationId";
    public static final String ORIGIN = "origin";
    /** The aggregate version the command was decided against (absent for creations). */
    public static final String DECIDED_AGAINST_VERSION = "decidedAgainstVersion";
    /** On events the scheduler caused: which schedule, and the user who scheduled it. */
    public static final String SCHEDULE_ID = "scheduleId";
    public static final String SCHEDULED_BY_SUBJECT = "scheduledBySubject";
    public static final String SCHEDULED_BY_NAME = "scheduledByName";
    /** On events a change request applied: which request, who approved it, and whether break-glass skipped approval. */
    public static final String CHANGE_REQUEST_ID = "changeRequestId";
    public static final String APPROVED_BY = "approvedBy";
    public static final String BREAK_GLASS = "breakGlass";
    /** Who set the approved change request going (the last approver, the scheduler or a break-glass holder). */
    public static final String APPLIED_BY_SUBJECT = "appliedBySubject";
    /** The origin of every event the scheduler causes. */
    public static final String ORIGIN_SCHEDULER = "scheduler";

    private ChangeMetadata() {
    }
}
