package dev.flagledger.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagledger.cli.CliException;
import dev.flagledger.cli.ExitCode;
import dev.flagledger.cli.client.GraphQlClient;
import dev.flagledger.cli.gitops.Applier;
import dev.flagledger.cli.gitops.Plan;
import dev.flagledger.cli.gitops.Planner;
import dev.flagledger.cli.gitops.ProjectFiles;
import dev.flagledger.cli.gitops.ServerState;
import dev.flagledger.cli.output.Format;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** GitOps: export a project as YAML, plan the files against the server, apply them (docs/gitops.md). */
final class GitOpsCommands {
    private GitOpsCommands() {
    }

    @Command(name = "export", description = "Write the project as YAML files (the format plan and apply read).")
    static class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--out", description = "A .yaml file, or a directory (split into project.yaml, segments/, flags/). Default: standard output.")
        Path out;

        @Override
        public Integer call() {
            Root root = Root.of(spec);
            ServerState state = ServerState.fetch(root.client(), root.project());
            if (state == null) throw new CliException(ExitCode.NOT_FOUND, "no project " + root.project());
            if (out == null) {
                PrintWriter writer = spec.commandLine().getOut();
                writer.print(root.output == Format.JSON ? dev.flagledger.cli.output.Printer.json(state.document()) + "\n"
                        : dev.flagledger.cli.output.Printer.yaml(state.document()));
                writer.flush();
                return 0;
            }
            boolean split = Files.isDirectory(out) || !(out.toString().endsWith(".yaml") || out.toString().endsWith(".yml"));
            List<Path> written = ProjectFiles.write(state.document(), out, split);
            spec.commandLine().getErr().println("wrote " + written.size() + " file(s) to " + out);
            return 0;
        }
    }

    /** The plan of the files at {@code path} against the server. */
    static Plan plan(Root root, GraphQlClient client, Path path, ObjectNode[] desiredOut, ServerState[] stateOut) {
        ObjectNode desired = ProjectFiles.canonical(ProjectFiles.read(path));
        String project = desired.path("project").path("key").asText();
        if (root.project != null && !root.project.isBlank() && !root.project.equals(project))
            throw CliException.badInput("the files describe project " + project + ", not --project " + root.project);
        ServerState state = ServerState.fetch(client, project);
        desiredOut[0] = desired;
        stateOut[0] = state;
        return Planner.plan(desired, state);
    }

    static void print(Root root, Plan plan) {
        root.printer().print(plan.toTree(), tree -> plan.render());
    }

    @Command(name = "plan", description = "Show what apply would change on the server, like terraform plan.")
    static class Plan_ implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "PATH", description = "A project YAML file or a directory of them.")
        Path path;
        @Option(names = "--detailed-exitcode", description = "Exit 10 when the plan has changes, 0 when it has none.")
        boolean detailedExitCode;

        @Override
        public Integer call() {
            Root root = Root.of(spec);
            Plan plan = plan(root, root.client(), path, new ObjectNode[1], new ServerState[1]);
            print(root, plan);
            return detailedExitCode && plan.hasChanges() ? ExitCode.CHANGES_PENDING : ExitCode.OK;
        }
    }

    @Command(name = "apply", description = "Make the server match the files: the plan, sent as commands with a reason and the commit id.")
    static class Apply implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "PATH", description = "A project YAML file or a directory of them.")
        Path path;
        @Option(names = "--reason", description = "Recorded on every change (default: 'flagledger apply' and the commit).")
        String reason;
        @Option(names = "--commit", description = "The VCS commit of the files (default: git rev-parse HEAD where the files are).")
        String commit;
        @Option(names = "--ticket", description = "A ticket reference recorded with every change.")
        String ticket;
        @Option(names = "--progress", negatable = true, description = "Show a progress bar (default: when stderr is a terminal).")
        Boolean showProgress;

        @Override
        public Integer call() {
            Root root = Root.of(spec);
            String sha = commit != null ? commit : Git.head(path);
            GraphQlClient client = root.client().header("X-Flagledger-Vcs-Commit", sha).header("X-Flagledger-Ticket", ticket);
            ObjectNode[] desired = new ObjectNode[1];
            ServerState[] state = new ServerState[1];
            Plan plan = plan(root, client, path, desired, state);
            String why = reason != null ? reason : "flagledger apply" + (sha == null ? "" : " of " + sha);
            if (plan.hasChanges()) {
                boolean bar = showProgress != null ? showProgress : System.console() != null;
                try (ProgressBar progress = bar ? progressBar(plan.actions().size()) : null) {
                    Consumer<String> step = progress == null ? label -> { } : label -> progress.step().setExtraMessage(label);
                    Applier applier = new Applier(client, why, step);
                    applier.apply(plan, state[0]);
                    for (String request : applier.changeRequests())
                        spec.commandLine().getErr().println("opened change request " + request
                                + ": the environment is protected; the change applies once approved");
                }
            }
            print(root, plan);
            if (root.output == Format.TABLE)
                spec.commandLine().getOut().println(plan.hasChanges() ? "Apply complete." : "Nothing to apply.");
            return 0;
        }
    }

    static ProgressBar progressBar(int steps) {
        return new ProgressBarBuilder().setTaskName("apply").setInitialMax(steps).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(100).setMaxRenderedLength(100).continuousUpdate().build();
    }

    /** The commit the files belong to, when they are in a git working tree. */
    static final class Git {
        private Git() {
        }

        static String head(Path path) {
            Path directory = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
            try {
                Process git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(directory.toFile())
                        .redirectErrorStream(false).start();
                String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (!git.waitFor(10, TimeUnit.SECONDS) || git.exitValue() != 0) return null;
                return out.matches("[0-9a-f]{40,64}") ? out : null;
            } catch (IOException e) {
                return null; // no git on this machine: the commit is simply not recorded
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
