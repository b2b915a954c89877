package dev.flagledger.cli;

import dev.flagledger.cli.commands.Root;
import picocli.CommandLine;

import java.io.PrintWriter;

/** Entry point of {@code flagledger}: runs the command line and exits with a documented code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        // The dev server keeps running in its own non-daemon threads; everything else ends here.
        if (code != Root.KEEP_RUNNING) System.exit(code);
    }

    /** Runs one command line with the given streams and answers its exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = commandLine(out, err);
        return commandLine.execute(args);
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Root());
        commandLine.setOut(out).setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((exception, arguments) -> {
                    // One line: what was wrong and where to look, never the whole usage text.
                    CommandLine failed = exception.getCommandLine();
                    failed.getErr().println("flagledger: " + exception.getMessage().replace('\n', ' ')
                            + " (see '" + failed.getCommandSpec().qualifiedName() + " --help')");
                    return ExitCode.USAGE;
                })
                .setExecutionExceptionHandler((exception, failed, parsed) -> {
                    if (exception instanceof CliException cli) {
                        failed.getErr().println("flagledger: " + cli.getMessage().replace('\n', ' '));
                        cli.details().forEach(detail -> failed.getErr().println("  " + detail));
                        return cli.exitCode();
                    }
                    failed.getErr().println("flagledger: unexpected error: " + exception);
                    if (System.getenv("FLAGLEDGER_DEBUG") != null) exception.printStackTrace(failed.getErr());
                    return ExitCode.ERROR;
                });
        return commandLine;
    }
}
