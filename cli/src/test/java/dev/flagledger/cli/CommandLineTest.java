package dev.flagledger.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line itself: usage errors in one line with exit 2, completion, code references. */
class CommandLineTest {
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void a_bad_option_or_value_is_one_line_and_exit_2() {
        Run unknown = run("list", "--nope");
        assertThat(unknown.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err().strip()).doesNotContain("\n").startsWith("flagledger: ").contains("--nope");
        Run badFormat = run("--output", "xml", "projects");
        assertThat(badFormat.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(badFormat.err().strip()).doesNotContain("\n").contains("xml");
        Run noProject = run("--server", "http://127.0.0.1:9", "--password", "x", "list");
        assertThat(noProject.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noProject.err()).contains("--project");
    }

    @Test
    void completion_is_a_bash_script_naming_every_command() {
        Run completion = run("completion");
        assertThat(completion.exit()).isZero();
        assertThat(completion.out()).contains("complete -F", "code-refs", "apply", "export-flagd");
    }

    @Test
    void code_refs_finds_whole_keys_and_skips_build_output(@TempDir Path tree) throws Exception {
        Files.createDirectories(tree.resolve("src"));
        Files.createDirectories(tree.resolve("node_modules/x"));
        Files.writeString(tree.resolve("src/App.java"), "class App {\n  boolean on = client.getBooleanValue(\"new-checkout\", false);\n"
                + "  boolean other = client.getBooleanValue(\"new-checkout-v2\", false);\n}\n");
        Files.writeString(tree.resolve("node_modules/x/index.js"), "flag('new-checkout')\n");
        Run refs = run("--output", "json", "code-refs", "new-checkout", tree.toString());
        assertThat(refs.exit()).isZero();
        assertThat(refs.out()).contains("\"line\" : 2", "src/App.java").doesNotContain("node_modules").doesNotContain("\"line\" : 3");
    }
}
