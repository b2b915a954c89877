package dev.flagledger.server.it;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.openfeature.contrib.providers.ofrep.OfrepProvider;
import dev.openfeature.contrib.providers.ofrep.OfrepProviderOptions;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.MutableContext;
import dev.openfeature.sdk.MutableStructure;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Structure;
import dev.openfeature.sdk.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 2 (Java): the published OpenFeature Java SDK ({@code dev.openfeature:sdk}) with the
 * published OFREP provider ({@code dev.openfeature.contrib.providers:ofrep}) evaluates flags of every
 * type on the real server jar. We wrote neither; they only know the OFREP wire contract.
 */
class OpenFeatureOfrepIT {
    private static final OpenFeatureAPI OPEN_FEATURE = OpenFeatureAPI.getInstance();
    private static OfrepServer server;
    private static Client staging;
    private static Client production;
    private static Client unknownKey;

    @BeforeAll
    static void connectClients() throws Exception {
        server = OfrepServer.get();
        staging = client("staging", server.stagingKey);
        production = client("production", server.productionKey);
        unknownKey = client("unknown-key", "flsrv_not-a-key-we-issued");
    }

    private static Client client(String domain, String sdkKey) {
        OPEN_FEATURE.setProviderAndWait(domain, OfrepProvider.constructProvider(OfrepProviderOptions.builder()
                .baseUrl(server.baseUrl())
                .headers(ImmutableMap.of("Authorization", ImmutableList.of("Bearer " + sdkKey)))
                .requestTimeout(Duration.ofSeconds(10))
                .build()));
        return OPEN_FEATURE.getClient(domain);
    }

    @AfterAll
    static void shutDownProviders() {
        OPEN_FEATURE.shutdown();
    }

    private static MutableContext user(String targetingKey) {
        return new MutableContext(targetingKey);
    }

    @Test
    void a_boolean_flag_serves_its_individual_target_then_its_rule_with_targeting_match() {
        FlagEvaluationDetails<Boolean> blocked = staging.getBooleanDetails("new-checkout", true,
                user("blocked-user").add("country", "NL"));
        assertThat(blocked.getValue()).isFalse();
        assertThat(blocked.getVariant()).isEqualTo("off");
        assertThat(blocked.getReason()).isEqualTo("TARGETING_MATCH");
        assertThat(blocked.getErrorCode()).isNull();

        FlagEvaluationDetails<Boolean> dutch = staging.getBooleanDetails("new-checkout", false,
                user("someone").add("country", "NL"));
        assertThat(dutch.getValue()).isTrue();
        assertThat(dutch.getVariant()).isEqualTo("on");
        assertThat(dutch.getReason()).isEqualTo("TARGETING_MATCH");
        assertThat(dutch.getFlagMetadata().getInteger("flagVersion")).isEqualTo(2);
    }

    @Test
    void the_fallthrough_rollout_splits_users_by_our_bucketing_with_reason_split() {
        Set<String> variants = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            String key = "user-" + i;
            FlagEvaluationDetails<Boolean> details = staging.getBooleanDetails("new-checkout", false,
                    user(key).add("country", "DE"));
            String expected = OfrepServer.checkoutSplitVariant(key);
            assertThat(details.getVariant()).as(key).isEqualTo(expected);
            assertThat(details.getValue()).as(key).isEqualTo(expected.equals("on"));
            assertThat(details.getReason()).as(key).isEqualTo("SPLIT");
            variants.add(details.getVariant());
        }
        assertThat(variants).as("a 50/50 split over 40 users serves both").containsExactlyInAnyOrder("on", "off");
    }

    @Test
    void a_string_flag_follows_its_rule_and_otherwise_serves_its_default() {
        FlagEvaluationDetails<String> pro = staging.getStringDetails("banner", "fallback", user("u1").add("plan", "pro"));
        assertThat(pro.getValue()).isEqualTo("Welcome back");
        assertThat(pro.getVariant()).isEqualTo("treatment");
        assertThat(pro.getReason()).isEqualTo("TARGETING_MATCH");

        FlagEvaluationDetails<String> free = staging.getStringDetails("banner", "fallback", user("u1").add("plan", "free"));
        assertThat(free.getValue()).isEqualTo("Welcome");
        assertThat(free.getVariant()).isEqualTo("control");
        assertThat(free.getReason()).isEqualTo("DEFAULT");
    }

    @Test
    void integer_and_double_flags_arrive_as_numbers_of_their_kind() {
        FlagEvaluationDetails<Integer> team = staging.getIntegerDetails("max-items", 1, user("u1").add("plan", "team"));
        assertThat(team.getValue()).isEqualTo(50);
        assertThat(team.getVariant()).isEqualTo("large");
        assertThat(team.getReason()).isEqualTo("TARGETING_MATCH");
        FlagEvaluationDetails<Integer> free = staging.getIntegerDetails("max-items", 1, user("u1"));
        assertThat(free.getValue()).isEqualTo(10);
        assertThat(free.getReason()).isEqualTo("DEFAULT");

        // A nested attribute, addressed as account.tier by the rule (CONVENTIONS §3).
        FlagEvaluationDetails<Double> gold = staging.getDoubleDetails("discount", 0.0,
                user("u1").add("account", new MutableStructure().add("tier", "gold")));
        assertThat(gold.getValue()).isEqualTo(0.15);
        assertThat(gold.getVariant()).isEqualTo("gold");
        assertThat(gold.getReason()).isEqualTo("TARGETING_MATCH");
        FlagEvaluationDetails<Double> silver = staging.getDoubleDetails("discount", 0.0,
                user("u1").add("account", new MutableStructure().add("tier", "silver")));
        assertThat(silver.getValue()).isEqualTo(0.05);
        assertThat(silver.getReason()).isEqualTo("DEFAULT");
    }

    @Test
    void an_object_flag_arrives_as_a_structure() {
        FlagEvaluationDetails<Value> staff = staging.getObjectDetails("theme", new Value("none"),
                user("u1").add("email", "ada@flagledger.dev"));
        assertThat(staff.getVariant()).isEqualTo("dark");
        assertThat(staff.getReason()).isEqualTo("TARGETING_MATCH");
        Structure dark = staff.getValue().asStructure();
        assertThat(dark.getValue("mode").asString()).isEqualTo("dark");
        assertThat(dark.getValue("accent").asString()).isEqualTo("#ffaa00");
        assertThat(dark.getValue("columns").asInteger()).isEqualTo(3);

        FlagEvaluationDetails<Value> customer = staging.getObjectDetails("theme", new Value("none"),
                user("u1").add("email", "ada@example.com"));
        assertThat(customer.getVariant()).isEqualTo("light");
        assertThat(customer.getReason()).isEqualTo("DEFAULT");
        assertThat(customer.getValue().asStructure().asObjectMap())
                .containsEntry("mode", "light").containsEntry("accent", "#0055ff").hasSize(2);
    }

    @Test
    void a_flag_that_is_off_in_the_environment_serves_its_off_variation_as_disabled() {
        FlagEvaluationDetails<Boolean> retired = staging.getBooleanDetails("retired", true, user("u1"));
        assertThat(retired.getValue()).isFalse();
        assertThat(retired.getVariant()).isEqualTo("off");
        assertThat(retired.getReason()).isEqualTo("DISABLED");
    }

    @Test
    void a_key_reads_only_its_own_environment() {
        // new-checkout is on in staging but was never turned on in production.
        FlagEvaluationDetails<Boolean> details = production.getBooleanDetails("new-checkout", true,
                user("someone").add("country", "NL"));
        assertThat(details.getValue()).isFalse();
        assertThat(details.getReason()).isEqualTo("DISABLED");
    }

    @Test
    void an_unknown_flag_gets_the_default_with_flag_not_found() {
        FlagEvaluationDetails<Boolean> details = staging.getBooleanDetails("no-such-flag", true, user("u1"));
        assertThat(details.getValue()).isTrue();
        assertThat(details.getErrorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
        assertThat(details.getReason()).isEqualTo("ERROR");
    }

    @Test
    void asking_for_the_wrong_type_gets_the_default_with_type_mismatch() {
        FlagEvaluationDetails<String> details = staging.getStringDetails("new-checkout", "default", user("blocked-user"));
        assertThat(details.getValue()).isEqualTo("default");
        assertThat(details.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
        assertThat(details.getReason()).isEqualTo("ERROR");
    }

    @Test
    void a_rollout_without_a_targeting_key_gets_the_default_and_an_error() {
        FlagEvaluationDetails<Boolean> details = staging.getBooleanDetails("new-checkout", true,
                new MutableContext().add("country", "DE"));
        assertThat(details.getValue()).isTrue();
        // The server answers 400 TARGETING_KEY_MISSING; provider 0.0.2 reports every 400 as INVALID_CONTEXT.
        assertThat(details.getErrorCode()).isEqualTo(ErrorCode.INVALID_CONTEXT);
        assertThat(details.getReason()).isEqualTo("ERROR");
    }

    @Test
    void a_key_we_never_issued_gets_the_default_with_a_general_error() {
        FlagEvaluationDetails<Boolean> details = unknownKey.getBooleanDetails("new-checkout", true, user("u1"));
        assertThat(details.getValue()).isTrue();
        assertThat(details.getErrorCode()).isEqualTo(ErrorCode.GENERAL);
        assertThat(details.getErrorMessage()).contains("authentication");
    }
}
