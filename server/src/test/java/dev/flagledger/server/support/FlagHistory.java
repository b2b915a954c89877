package dev.flagledger.server.support;

import dev.flagledger.domain.flag.Clause;
import dev.flagledger.domain.flag.FlagCreated;
import dev.flagledger.domain.flag.FlagDetailsUpdated;
import dev.flagledger.domain.flag.FlagEnvironment;
import dev.flagledger.domain.flag.FlagTargetingChanged;
import dev.flagledger.domain.flag.FlagToggled;
import dev.flagledger.domain.flag.Rollout;
import dev.flagledger.domain.flag.Serve;
import dev.flagledger.domain.flag.Target;
import dev.flagledger.domain.flag.Targeting;
import dev.flagledger.domain.flag.TargetingRule;
import dev.flagledger.domain.flag.ValueType;
import dev.flagledger.domain.flag.Variation;
import dev.flagledger.domain.flag.Weight;
import dev.flagledger.domain.project.Environment;
import dev.flagledger.domain.project.ProjectCreated;
import dev.flagledger.domain.shared.ChangeMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongFunction;

/**
 * Long flag histories built as the command side would have stored them (the same payloads, aggregate
 * type and metadata: actor, reason, origin, correlation id, decided-against version), to be appended
 * straight to the storage engine. Commands run at about 150 per second here, so a 10 000-event flag
 * or a million-event store would take minutes to hours through them; what this feeds (projections,
 * time travel, export) reads only the stored events, so how they got there does not change what is
 * measured. Checks that commands make (versions, reasons, key uniqueness) are bypassed.
 */
public final class FlagHistory {
    public static final List<String> ENVIRONMENTS = List.of("development", "staging", "production");
    private static final List<Variation> BOOLEAN = List.of(new Variation("on", "On", "", true),
            new Variation("off", "Off", "", false));

    private final String flagId;
    private final String projectKey;
    private final String flagKey;
    private final Map<String, Boolean> enabled = new HashMap<>();

    public FlagHistory(String flagId, String projectKey, String flagKey) {
        this.flagId = flagId;
        this.projectKey = projectKey;
        this.flagKey = flagKey;
    }

    public static DomainEventMessage<?> projectCreated(String projectKey, Instant at) {
        return message("Project", projectKey, 0, new ProjectCreated(projectKey, "Project " + projectKey, "",
                ENVIRONMENTS.stream().map(key -> new Environment(key, key, false)).toList()), at, 0);
    }

    public DomainEventMessage<?> created(Instant at) {
        return message("Flag", flagId, 0, new FlagCreated(flagId, projectKey, flagKey, "Flag " + flagKey, "",
                List.of("bench"), ValueType.BOOLEAN, BOOLEAN, "on", "off",
                ENVIRONMENTS.stream().map(key -> new FlagEnvironment(key, false, "on", "off")).toList()), at, 0);
    }

    /**
     * Events {@code first .. first + count - 1} of the flag's stream; event {@code n} happens at
     * {@code time.apply(n)}. Seven in ten toggle an environment, two replace its targeting (individual
     * targets, a two-clause rule and a percentage rollout), one updates the flag's details.
     */
    public List<DomainEventMessage<?>> changes(long first, int count, LongFunction<Instant> time) {
        List<DomainEventMessage<?>> events = new java.util.ArrayList<>(count);
        for (long sequence = first; sequence < first + count; sequence++)
            events.add(message("Flag", flagId, sequence, change(sequence), time.apply(sequence), sequence));
        return events;
    }

    private Object change(long n) {
        String environment = ENVIRONMENTS.get((int) (n % ENVIRONMENTS.size()));
        int kind = (int) (n % 10);
        if (kind < 7) {
            boolean on = !enabled.getOrDefault(environment, false);
            enabled.put(environment, on);
            return new FlagToggled(flagId, projectKey, flagKey, environment, on);
        }
        if (kind < 9) return new FlagTargetingChanged(flagId, projectKey, flagKey, environment, targeting(n));
        return new FlagDetailsUpdated(flagId, projectKey, flagKey, "Flag " + flagKey + " (" + n + ")",
                "revision " + n, List.of("bench", "rev-" + n % 5));
    }

    private static Targeting targeting(long n) {
        List<Target> targets = List.of(new Target("off", List.of("user-" + n % 97, "user-" + (n + 1) % 97)));
        TargetingRule rule = new TargetingRule("rule-" + n % 3, "EU customers on a paid plan", List.of(
                new Clause("country", "in", List.of("nl", "de", "fr"), false),
                new Clause("account.plan", "equals", List.of(n % 2 == 0 ? "pro" : "enterprise"), false)),
                Serve.rollout(new Rollout(List.of(new Weight("on", (int) (n % 100) * 1000),
                        new Weight("off", 100_000 - (int) (n % 100) * 1000)), null, null)));
        return new Targeting(List.of(), targets, List.of(rule), null);
    }

    private static DomainEventMessage<?> message(String type, String aggregateId, long sequence, Object payload,
                                                 Instant at, long n) {
        Map<String, Object> metadata = new HashMap<>(Map.of(
                ChangeMetadata.ACTOR_SUBJECT, "user-" + n % 7,
                ChangeMetadata.ACTOR_NAME, "User " + n % 7,
                ChangeMetadata.ACTOR_AUTHENTICATION, "password",
                ChangeMetadata.REASON, "change " + n,
                ChangeMetadata.ORIGIN, n % 3 == 0 ? "ui" : "api",
                ChangeMetadata.CORRELATION_ID, UUID.randomUUID().toString()));
        if (sequence > 0) metadata.put(ChangeMetadata.DECIDED_AGAINST_VERSION, sequence - 1);
        return new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, metadata,
                UUID.randomUUID().toString(), at);
    }
}
