package dev.flagledger.server.approval;

import dev.flagledger.domain.flag.SetDefaultVariation;
import dev.flagledger.domain.flag.ToggleFlag;
import dev.flagledger.domain.project.EnvironmentKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeRequestTitleTest {

    @Test
    void a_proposed_command_reads_as_words_not_as_a_class_name() {
        EnvironmentKey production = new EnvironmentKey("production");
        assertThat(ChangeRequestService.describe(new ToggleFlag("f-1", production, true, 3L), "Flag", "checkout"))
                .isEqualTo("Turn on flag checkout");
        assertThat(ChangeRequestService.describe(new ToggleFlag("f-1", production, false, 3L), "Flag", "checkout"))
                .isEqualTo("Turn off flag checkout");
        assertThat(ChangeRequestService.describe(new SetDefaultVariation("f-1", production, "on", 3L), "Flag", "checkout"))
                .isEqualTo("Set default variation of flag checkout");
    }
}
