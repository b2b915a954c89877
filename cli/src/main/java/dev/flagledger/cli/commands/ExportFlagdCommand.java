package dev.flagledger.cli.commands;

import dev.flagledger.cli.CliException;
import dev.flagledger.cli.ExitCode;
import dev.flagledger.cli.gitops.ServerState;
import dev.flagledger.cli.migrate.FlagdExporter;
import dev.flagledger.cli.migrate.Unrepresentable;
import dev.flagledger.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Writes one environment of a project as a flagd flag definition, listing what flagd cannot express. */
@Command(name = "export-flagd", description = "Write one environment as a flagd flag definition (JSON).")
class ExportFlagdCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = {"-e", "--env"}, required = true, description = "The environment to export.")
    String environment;
    @Option(names = "--out", description = "The file to write (default: standard output).")
    Path out;
    @Option(names = "--strict", description = "Exit 11 when anything could not be expressed in flagd.")
    boolean strict;

    @Override
    public Integer call() throws IOException {
        Root root = Root.of(spec);
        ServerState state = ServerState.fetch(root.client(), root.project());
        if (state == null) throw new CliException(ExitCode.NOT_FOUND, "no project " + root.project());
        FlagdExporter.Exported exported = FlagdExporter.export(state.document(), environment);
        for (Unrepresentable item : exported.report()) spec.commandLine().getErr().println(item);
        spec.commandLine().getErr().flush();
        String json = Printer.json(exported.file()) + "\n";
        if (out == null) {
            spec.commandLine().getOut().print(json);
            spec.commandLine().getOut().flush();
        } else {
            Files.writeString(out, json);
        }
        return strict && exported.report().stream().anyMatch(Unrepresentable::dropped) ? ExitCode.UNREPRESENTABLE : ExitCode.OK;
    }
}
