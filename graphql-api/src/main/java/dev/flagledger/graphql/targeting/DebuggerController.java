package dev.flagledger.graphql.targeting;

import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.evaluation.EvaluationConfig;
import dev.flagledger.evaluation.EvaluationContext;
import dev.flagledger.evaluation.EvaluationResult;
import dev.flagledger.evaluation.Explanation;
import dev.flagledger.evaluation.model.ValueType;
import dev.flagledger.projections.audit.ConfigAsOf;
import dev.flagledger.projections.audit.TimeTravel;
import dev.flagledger.projections.snapshot.EnvironmentSnapshot;
import dev.flagledger.projections.snapshot.EvaluationSnapshots;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.lang.reflect.RecordComponent;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** "Why did this user get this?": the engine's own explanation, for the admin UI. */
@Controller
public class DebuggerController {
    private final EvaluationSnapshots snapshots;
    private final TimeTravel timeTravel;

    public DebuggerController(EvaluationSnapshots snapshots, TimeTravel timeTravel) {
        this.snapshots = snapshots;
        this.timeTravel = timeTravel;
    }

    @QueryMapping
    public Map<String, Object> evaluateFlag(@Argument String projectKey, @Argument String environment,
                                            @Argument String key, @Argument Object context, @Argument String type,
                                            @Argument OffsetDateTime at) {
        EvaluationConfig config;
        long position;
        if (at == null) {
            EnvironmentSnapshot snapshot = snapshots.current(projectKey, environment)
                    .orElseThrow(() -> new NotFound("no environment " + environment + " in project " + projectKey));
            config = snapshot.config();
            position = snapshot.position();
        } else {
            ConfigAsOf past = timeTravel.configAsOf(projectKey, environment, at.toInstant());
            config = past.config();
            position = past.position();
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (context instanceof Map<?, ?> map) map.forEach((name, value) -> attributes.put(String.valueOf(name), value));
        else if (context != null) throw new dev.flagledger.domain.shared.InvalidInput("context must be a JSON object");
        ValueType requested = type == null ? null : ValueType.valueOf(type.toUpperCase(Locale.ROOT));
        Explanation explanation = config.explain(key, requested, new EvaluationContext(attributes));
        EvaluationResult result = explanation.result();
        Map<String, Object> answer = new HashMap<>();
        answer.put("value", result.value());
        answer.put("variant", result.variant());
        answer.put("reason", result.reason().name());
        answer.put("errorCode", result.errorCode() == null ? null : result.errorCode().name());
        answer.put("errorMessage", result.errorMessage());
        answer.put("matchedRuleId", result.matchedRuleId());
        answer.put("matchedTarget", result.matchedTarget());
        answer.put("metadata", result.metadata());
        answer.put("trace", explanation.trace().stream().map(DebuggerController::tree).toList());
        answer.put("snapshotPosition", Long.toString(position));
        return answer;
    }

    /** Trace steps are records; the debugger shows them as JSON objects named by their kind. */
    private static Object tree(Object value) {
        if (value instanceof Record record) {
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("step", record.getClass().getSimpleName());
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    tree.put(component.getName(), tree(component.getAccessor().invoke(record)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return tree;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(element -> copy.add(tree(element)));
            return copy;
        }
        if (value instanceof Enum<?> constant) return constant.name();
        return value;
    }
}
