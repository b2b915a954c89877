package dev.flagledger.graphql.error;

import dev.flagledger.domain.shared.NotFound;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A typed refusal promises nothing was written (docs/reliability.md); a written change whose read model lags is not one. */
class NotReadableYetTest {
    @Test
    void a_change_written_but_not_readable_yet_is_unavailable_not_a_refusal() {
        assertThat(DomainErrorResolver.classify(new NotReadableYet("flag f-1"))).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(DomainErrorResolver.rootRejection(new RuntimeException(new NotReadableYet("flag f-1"))))
                .isInstanceOf(NotReadableYet.class).hasMessage("flag f-1 is written but not readable yet; re-read it later");
        assertThat(DomainErrorResolver.classify(new NotFound("no flag f-1"))).isEqualTo(ErrorCode.NOT_FOUND);
    }
}
