package dev.flagledger.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.cli.client.Queries;
import dev.flagledger.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "projects", description = "List the projects you may see.")
class ProjectsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Root root = Root.of(spec);
        JsonNode projects = root.client().execute("{ projects { " + Queries.PROJECT + " } }").path("projects");
        root.printer().print(projects, data -> {
            Table table = new Table("KEY", "NAME", "ENVIRONMENTS");
            data.forEach(p -> {
                StringBuilder environments = new StringBuilder();
                p.path("environments").forEach(e -> environments.append(environments.isEmpty() ? "" : ",")
                        .append(e.path("key").asText()));
                table.row(p.path("key").asText(), p.path("name").asText(), environments);
            });
            return table.render();
        });
        return 0;
    }
}
