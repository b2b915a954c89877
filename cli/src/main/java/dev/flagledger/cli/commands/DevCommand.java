package dev.flagledger.cli.commands;

import dev.flagledger.cli.dev.DevServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Serves project files offline over the SDK endpoints, reloading on every save: an application
 * develops against the same OFREP, config and SSE endpoints it will use in production.
 */
@Command(name = "dev", description = "Serve a flag file (or directory) locally with hot reload and no login: "
        + "/ofrep/v1/..., /sdk/v1/config, /sdk/v1/stream, /sdk/v1/events.")
class DevCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "PATH", description = "A project YAML file or a directory of them (the GitOps format).")
    Path path;
    @Option(names = {"-e", "--env"}, description = "The environment to serve (default: the project's first).")
    String environment;
    @Option(names = "--port", defaultValue = "8090", description = "Port (0 picks a free one; default ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DevServer.Running running = DevServer.start(path, environment, host, port, spec.commandLine().getErr());
        out.println("flagledger dev: serving " + path + " (project " + running.projectKey() + ", environment "
                + running.environment() + ") on http://" + host + ":" + running.port() + " - any SDK key works; Ctrl-C stops");
        out.flush();
        return Root.KEEP_RUNNING;
    }
}
