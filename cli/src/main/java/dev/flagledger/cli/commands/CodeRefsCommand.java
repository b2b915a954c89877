package dev.flagledger.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.flagledger.cli.CliException;
import dev.flagledger.cli.client.GraphQlClient;
import dev.flagledger.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where a flag's key appears in a source tree, so a clean-up can start: whole-word matches
 * (a key is not found inside a longer identifier), skipping VCS, build and dependency folders and
 * binary files. Needs no server.
 */
@Command(name = "code-refs", description = "Find a flag's key in a source tree (file:line: text).")
class CodeRefsCommand implements Callable<Integer> {
    private static final Set<String> SKIPPED = Set.of(".git", ".hg", ".svn", "node_modules", "target", "build", "dist",
            ".gradle", ".idea", "vendor", "__pycache__");
    private static final long MAX_FILE_BYTES = 2_000_000;

    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "FLAG", description = "The flag key.")
    String key;
    @Parameters(index = "1", paramLabel = "DIR", defaultValue = ".", description = "Where to look (default: the current directory).")
    Path directory;
    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(directory)) throw CliException.badInput("no such directory: " + directory);
        // The key bounded by anything that cannot continue a key: new-checkout is not found in new-checkout-v2.
        Pattern word = Pattern.compile("(?<![A-Za-z0-9._-])" + Pattern.quote(key) + "(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])");
        ArrayNode found = GraphQlClient.JSON.createArrayNode();
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return !dir.equals(directory) && SKIPPED.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.size() > MAX_FILE_BYTES) return FileVisitResult.CONTINUE;
                List<String> lines;
                try {
                    lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                } catch (CharacterCodingException binary) {
                    return FileVisitResult.CONTINUE;
                } catch (IOException unreadable) {
                    return FileVisitResult.CONTINUE;
                }
                for (int i = 0; i < lines.size(); i++) {
                    Matcher matcher = word.matcher(lines.get(i));
                    if (matcher.find())
                        found.addObject().put("file", directory.relativize(file).toString()).put("line", i + 1)
                                .put("column", matcher.start() + 1).put("text", lines.get(i).strip());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        Root.of(spec).printer().print(found, all -> {
            Table table = new Table("FILE", "LINE", "TEXT");
            all.forEach(ref -> table.row(ref.path("file").asText(), ref.path("line").asInt(), ref.path("text").asText()));
            return all.isEmpty() ? "no references to " + key + " in " + directory + "\n" : table.render();
        });
        return 0;
    }
}
