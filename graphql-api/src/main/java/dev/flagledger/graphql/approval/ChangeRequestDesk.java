package dev.flagledger.graphql.approval;

import dev.flagledger.auth.access.Memberships;
import org.axonframework.messaging.MetaData;

import java.util.List;

/**
 * What the API asks of the server's change-request machinery (implemented in server/, which owns
 * transactions and the command bus): apply a request, and propose a promotion.
 */
public interface ChangeRequestDesk {

    /**
     * Applies the request now if it is approved and due (or, with {@code breakGlass}, if the caller
     * holds the break-glass role): the commands and the applied record in one transaction.
     *
     * @return true when it was applied by this call
     */
    boolean apply(String changeRequestId, boolean breakGlass, Memberships caller, MetaData trigger);

    /** Applies the request if it is approved and due; false when it is not (yet). */
    boolean applyIfDue(String changeRequestId, MetaData trigger);

    /** Opens a change request that promotes flags (and maps or promotes their segments) between environments. */
    String promote(Promotion promotion, MetaData author);

    /** What to promote: flags by key, and for each segment they use, a target key and whether to copy its definition. */
    record Promotion(String projectKey, String from, String to, List<String> flagKeys, List<SegmentMapping> segments,
                     String title, String ticket) {
    }

    record SegmentMapping(String source, String target, boolean promote) {
    }
}
