package dev.flagledger.server.access;

import dev.flagledger.graphql.access.OperationAuthorization;
import dev.flagledger.graphql.access.OperationPermissions;
import dev.flagledger.graphql.access.OperationRule;
import dev.flagledger.server.support.OnH2;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Acceptance 4 of issue 5: no operation ships without a rule. Walks the schema the server actually
 * serves (every *.graphqls of every module) and compares, both ways, its Query, Mutation and
 * Subscription fields with {@link OperationPermissions} and with the table in docs/auth.md.
 */
@OnH2
class OperationPermissionsTest {
    /** A row of the table: | `toggleFlag` | Mutation | editor | input.projectKey / input.environment | */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`(\\w+)`\\s*\\|\\s*(Query|Mutation|Subscription)\\s*\\|"
            + "\\s*([^|]+?)\\s*\\|\\s*([^|]+?)\\s*\\|\\s*$");

    @Autowired
    GraphQlSource graphQl;

    private TreeSet<String> schemaOperations() {
        GraphQLSchema schema = graphQl.schema();
        TreeSet<String> operations = new TreeSet<>();
        for (GraphQLObjectType root : new GraphQLObjectType[]{schema.getQueryType(), schema.getMutationType(),
                schema.getSubscriptionType()})
            if (root != null) root.getFieldDefinitions().forEach(field -> operations.add(root.getName() + "." + field.getName()));
        return operations;
    }

    private static Map<String, String> documentedRules() throws IOException {
        Map<String, String> rows = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("..", "docs", "auth.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                String previous = rows.put(row.group(2) + "." + row.group(1), row.group(3) + " | " + row.group(4));
                assertThat(previous).as("docs/auth.md lists " + row.group(1) + " twice").isNull();
            }
        }
        return rows;
    }

    @Test
    void every_query_mutation_and_subscription_has_a_rule_and_every_rule_an_operation() {
        assertThat(schemaOperations()).isNotEmpty();
        assertThat(new TreeSet<>(OperationPermissions.all().keySet()))
                .as("OperationPermissions must have exactly one rule per operation of the schema")
                .isEqualTo(schemaOperations());
    }

    @Test
    void docs_auth_md_has_the_same_table_of_operations_and_permissions() throws IOException {
        Map<String, String> expected = OperationPermissions.all().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, rule -> label(rule.getValue()), (a, b) -> a, TreeMap::new));
        assertThat(documentedRules()).as("the operation table in docs/auth.md").isEqualTo(expected);
        assertThat(documentedRules().keySet()).isEqualTo(schemaOperations());
    }

    @Test
    void an_operation_without_a_rule_is_refused_even_for_the_admin() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "admin", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        try {
            assertThatThrownBy(() -> OperationAuthorization.guarded("Mutation.somethingNew", request -> "done")
                    .get(DataFetchingEnvironmentImpl.newDataFetchingEnvironment().build()))
                    .isInstanceOf(AccessDeniedException.class);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static String label(OperationRule rule) {
        return rule.permissionLabel() + " | " + rule.scopeLabel();
    }
}
