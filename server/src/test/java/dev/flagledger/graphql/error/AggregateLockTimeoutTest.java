package dev.flagledger.graphql.error;

import dev.flagledger.auth.web.Unavailable;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command that waited 60 s for its aggregate's lock, held by a command waiting for the store (a 60 s DiskFullIT
 * run: two toggles answered INTERNAL), is refused as UNAVAILABLE: nothing of it was written, try again later.
 */
class AggregateLockTimeoutTest {
    @Test
    void a_command_that_could_not_get_its_aggregates_lock_is_unavailable() {
        LockAcquisitionFailedException timedOut = new LockAcquisitionFailedException(
                "Failed to acquire lock for identifier(disk), maximum attempts exceeded (6000)");
        assertThat(DomainErrorResolver.classify(timedOut)).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(Unavailable.causedBy(new CommandExecutionException("toggle failed", timedOut))).isTrue();
    }
}
