package dev.flagledger.graphql.stale;

import dev.flagledger.graphql.connection.KeysetConnection;
import dev.flagledger.projections.stale.ExposureCounts;
import dev.flagledger.projections.stale.StaleFlag;
import dev.flagledger.projections.stale.StaleFlagReport;
import dev.flagledger.projections.stale.StaleFlags;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;

/** {@code staleFlags}: a project's stale flags with their evidence (docs/stale-flags.md). */
@Controller
public class StaleFlagsController {
    private static final String CURSOR_KIND = "stale-flag";
    private final StaleFlags staleFlags;

    public StaleFlagsController(StaleFlags staleFlags) {
        this.staleFlags = staleFlags;
    }

    @QueryMapping
    public Map<String, Object> staleFlags(@Argument String projectKey, @Argument Integer unevaluatedDays,
                                          @Argument Integer first, @Argument String after) {
        int size = KeysetConnection.pageSize(first);
        String afterKey = KeysetConnection.keyAfter(CURSOR_KIND, after);
        StaleFlagReport report = staleFlags.find(projectKey, unevaluatedDays);
        List<StaleFlag> rest = report.flags().stream()
                .filter(flag -> afterKey == null || flag.key().compareTo(afterKey) > 0).toList();
        Map<String, Object> connection = KeysetConnection.of(CURSOR_KIND, rest.subList(0, Math.min(size, rest.size())),
                rest.size() > size, after, StaleFlag::key, report.flags().size());
        connection.put("asOf", report.asOf());
        connection.put("unevaluatedDays", report.unevaluatedDays());
        return connection;
    }

    @SchemaMapping(typeName = "ExposureCount", field = "variation")
    public String variation(ExposureCounts.Count count) {
        return count.variant();
    }
}
