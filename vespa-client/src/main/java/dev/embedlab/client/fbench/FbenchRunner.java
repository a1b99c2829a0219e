package dev.embedlab.client.fbench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs vespa-fbench for a ramp of client counts, either installed locally or inside the Vespa container via
 * {@code docker exec} (the query file is copied in with {@code docker cp} first). Each run's raw output is kept
 * next to the parsed results.
 *
 * @param executor      runs the commands
 * @param container     Docker container name, or null to run vespa-fbench on this machine
 * @param binary        the vespa-fbench executable (in the container: /opt/vespa/bin/vespa-fbench)
 * @param host          search host as seen from where fbench runs
 * @param port          search port
 * @param seconds       run time per client count
 * @param ignoreFirst   results each client ignores at the start (-i), a warm-up
 */
public record FbenchRunner(CommandExecutor executor, String container, String binary, String host, int port,
                           int seconds, int ignoreFirst) {

    /** Where the query file goes inside the container. */
    public static final String CONTAINER_QUERY_FILE = "/tmp/embedlab-fbench-queries.txt";

    /** The commands {@link #ramp} would run, one per line, for --dry-run and plans. */
    public List<List<String>> plan(Path queryFile, List<Integer> clients) {
        List<List<String>> commands = new ArrayList<>();
        if (container != null) commands.add(List.of("docker", "cp", queryFile.toString(), container + ":" + CONTAINER_QUERY_FILE));
        for (int n : clients) commands.add(fbenchCommand(queryFile, n));
        return commands;
    }

    List<String> fbenchCommand(Path queryFile, int clients) {
        List<String> command = new ArrayList<>();
        if (container != null) command.addAll(List.of("docker", "exec", container));
        command.add(binary);
        command.addAll(List.of("-P", "-n", String.valueOf(clients), "-s", String.valueOf(seconds), "-c", "0"));
        if (ignoreFirst > 0) command.addAll(List.of("-i", String.valueOf(ignoreFirst)));
        command.addAll(List.of("-q", container != null ? CONTAINER_QUERY_FILE : queryFile.toString()));
        command.addAll(List.of(host, String.valueOf(port)));
        return command;
    }

    /**
     * Runs the ramp and parses every summary; raw output goes to {@code outDir/fbench-c<clients>.txt}.
     *
     * @throws IOException when fbench cannot be run, exits non-zero, or prints no summary
     */
    public List<FbenchSummary> ramp(Path queryFile, List<Integer> clients, Path outDir, Consumer<String> progress)
            throws IOException {
        Files.createDirectories(outDir);
        Duration timeout = Duration.ofSeconds(seconds + 120L);
        if (container != null) {
            List<String> copy = List.of("docker", "cp", queryFile.toString(), container + ":" + CONTAINER_QUERY_FILE);
            check(copy, executor.run(copy, Duration.ofSeconds(60)));
        }
        List<FbenchSummary> summaries = new ArrayList<>();
        for (int n : clients) {
            List<String> command = fbenchCommand(queryFile, n);
            progress.accept("fbench: " + n + " client(s), " + seconds + " s: " + String.join(" ", command));
            CommandExecutor.Result result = executor.run(command, timeout);
            Files.writeString(outDir.resolve("fbench-c" + n + ".txt"), result.stdout() + result.stderr(), StandardCharsets.UTF_8);
            check(command, result);
            FbenchSummary summary;
            try {
                summary = FbenchSummaryParser.parse(result.stdout());
            } catch (IllegalArgumentException e) {
                throw new IOException("vespa-fbench with " + n + " clients: " + e.getMessage(), e);
            }
            if (summary.flagged()) progress.accept("fbench: " + n + " client(s) FLAGGED: " + summary.flagReason());
            summaries.add(summary);
        }
        return summaries;
    }

    private static void check(List<String> command, CommandExecutor.Result result) throws IOException {
        if (!result.ok()) {
            throw new IOException("'" + String.join(" ", command) + "' exited with " + result.exitCode()
                    + ": " + (result.stderr().isBlank() ? result.stdout() : result.stderr()).strip());
        }
    }
}
