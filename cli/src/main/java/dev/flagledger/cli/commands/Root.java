package dev.flagledger.cli.commands;

import dev.flagledger.cli.CliException;
import dev.flagledger.cli.client.GraphQlClient;
import dev.flagledger.cli.output.Format;
import dev.flagledger.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code flagledger}: global options (server, credentials, output, project) are inherited by every
 * subcommand and default from environment variables, so CI sets them once.
 */
@Command(name = "flagledger", mixinStandardHelpOptions = true, version = "flagledger 0.1.0",
        description = "Manage Flagledger flags from the terminal and CI.",
        subcommands = {ProjectsCommand.class, FlagCommands.ListFlags.class, FlagCommands.GetFlag.class,
                FlagCommands.CreateFlag.class, FlagCommands.ToggleFlag.class, SetCommands.class,
                InspectCommands.Evaluate.class, InspectCommands.Audit.class, InspectCommands.AsOf.class,
                GitOpsCommands.Export.class, GitOpsCommands.Plan_.class, GitOpsCommands.Apply.class,
                ImportCommand.class, ExportFlagdCommand.class, CodeRefsCommand.class, StaleCommand.class, TokenCommands.class,
                DevCommand.class, CompletionCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 error, 2 bad input, 3 unauthenticated, 4 forbidden, 5 not found,",
                "6 conflict, 7 rejected by the server, 8 server unreachable, 10 plan has changes",
                "(--detailed-exitcode), 11 import could not represent everything (--strict). See docs/cli.md."})
public class Root {
    /** Returned by the dev server: the process keeps serving instead of exiting. */
    public static final int KEEP_RUNNING = -1;

    @Spec
    CommandSpec spec;

    @Option(names = "--server", scope = ScopeType.INHERIT, defaultValue = "${env:FLAGLEDGER_URL:-http://localhost:8080}",
            description = "Server URL (env FLAGLEDGER_URL; default ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--token", scope = ScopeType.INHERIT, defaultValue = "${env:FLAGLEDGER_TOKEN}",
            description = "API token fl_... (env FLAGLEDGER_TOKEN).")
    String token;

    @Option(names = "--user", scope = ScopeType.INHERIT, defaultValue = "${env:FLAGLEDGER_USER:-admin}",
            description = "Local user when no token is given (env FLAGLEDGER_USER; default admin).")
    String user;

    @Option(names = "--password", scope = ScopeType.INHERIT, defaultValue = "${env:FLAGLEDGER_PASSWORD}",
            description = "Local user's password (env FLAGLEDGER_PASSWORD).")
    String password;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, defaultValue = "table",
            description = "table, json or yaml (default ${DEFAULT-VALUE}).")
    Format output;

    @Option(names = {"-p", "--project"}, scope = ScopeType.INHERIT, defaultValue = "${env:FLAGLEDGER_PROJECT}",
            description = "Project key (env FLAGLEDGER_PROJECT).")
    String project;

    public GraphQlClient client() {
        String secret = password != null ? password : System.getenv("FLAGLEDGER_ADMIN_PASSWORD");
        return new GraphQlClient(server, token, user, secret);
    }

    public Printer printer() {
        return new Printer(output, spec.commandLine().getOut());
    }

    public String project() {
        if (project == null || project.isBlank())
            throw CliException.badInput("no project: pass --project KEY (or set FLAGLEDGER_PROJECT)");
        return project;
    }

    /** The root of the command a subcommand at any depth belongs to. */
    public static Root of(CommandSpec spec) {
        return (Root) spec.root().userObject();
    }
}
