package dev.embedlab.client.fbench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs vespa-fbench for a ramp of client counts, either installed locally or inside the Vespa container via
 * {@code docker exec} (each query file is copied in with {@code docker cp} first). fbench runs under
 * {@code sh -c} so the shell's {@code times} reports the CPU fbench itself used ({@link FbenchCpu}). Each run's
 * raw output is kept next to the parsed results.
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

    /**
     * The vespa-fbench executable: {@code binary} when given, else {@code vespa-fbench} on this machine's PATH, or
     * where the Vespa image installs it when fbench runs in {@code container}.
     */
    public static String defaultBinary(String binary, String container) {
        if (binary != null) return binary;
        return container != null ? "/opt/vespa/bin/vespa-fbench" : "vespa-fbench";
    }

    /** Query files go to /tmp/embedlab-fbench-&lt;file name&gt; inside the container. */
    public static final String CONTAINER_QUERY_FILE_PREFIX = "/tmp/embedlab-fbench-";

    /**
     * One fbench run.
     *
     * @param clients      parallel clients (-n)
     * @param queryFile    the POST query file
     * @param eachLineOnce split the file between the clients and send every request once (-z -r 0): the cold
     *                     form's distinct texts; otherwise every client cycles through the whole file
     * @param fileRequests requests in the file (reported for send-once files), or -1
     */
    public record Step(int clients, Path queryFile, boolean eachLineOnce, long fileRequests) {

        /** Every client cycles through the whole file. */
        public static Step cycling(int clients, Path queryFile) {
            return new Step(clients, queryFile, false, -1);
        }
    }

    /** Where fbench runs and what that means for the CPU it takes, for reports. */
    public String location() {
        return container != null
                ? "vespa-fbench ran inside Docker container '" + container + "' (docker exec) against " + host + ":" + port
                  + ": it shares that container's CPUs with Vespa, so its CPU time (fbench CPU) was taken from Vespa"
                : "vespa-fbench ran on this machine against " + host + ":" + port
                  + ": its CPU time (fbench CPU) competed with Vespa only if Vespa runs on this machine too";
    }

    /** The commands {@link #ramp} would run, in order, for --dry-run and plans. */
    public List<List<String>> plan(List<Step> steps) {
        List<List<String>> commands = new ArrayList<>();
        Set<Path> copied = new HashSet<>();
        for (Step step : steps) {
            if (container != null && copied.add(step.queryFile())) commands.add(copyCommand(step.queryFile()));
            commands.add(fbenchCommand(step));
        }
        return commands;
    }

    private List<String> copyCommand(Path queryFile) {
        return List.of("docker", "cp", queryFile.toString(), container + ":" + containerPath(queryFile));
    }

    static String containerPath(Path queryFile) {
        return CONTAINER_QUERY_FILE_PREFIX + queryFile.getFileName();
    }

    List<String> fbenchCommand(Step step) {
        List<String> command = new ArrayList<>();
        if (container != null) command.addAll(List.of("docker", "exec", container));
        command.addAll(List.of("sh", "-c", FbenchCpu.WRAPPER, "sh"));
        command.add(binary);
        command.addAll(List.of("-P", "-n", String.valueOf(step.clients()), "-s", String.valueOf(seconds), "-c", "0"));
        if (ignoreFirst > 0) command.addAll(List.of("-i", String.valueOf(ignoreFirst)));
        if (step.eachLineOnce()) command.addAll(List.of("-z", "-r", "0"));
        String queryFile = container != null ? containerPath(step.queryFile()) : step.queryFile().toString();
        command.addAll(List.of("-q", printfLiteral(queryFile)));
        command.addAll(List.of(host, String.valueOf(port)));
        return command;
    }

    /** fbench passes -q through snprintf with the client number (client.cpp): a literal '%' must be doubled. */
    static String printfLiteral(String path) {
        return path.replace("%", "%%");
    }

    /**
     * Runs the steps and parses every summary; raw output goes to {@code outDir/fbench-c<clients>.txt}.
     *
     * @throws IOException when fbench cannot be run, exits non-zero, or prints no summary
     */
    public List<FbenchRun> ramp(List<Step> steps, Path outDir, Consumer<String> progress) throws IOException {
        Files.createDirectories(outDir);
        Duration timeout = Duration.ofSeconds(seconds + 120L);
        Set<Path> copied = new HashSet<>();
        List<FbenchRun> runs = new ArrayList<>();
        for (Step step : steps) {
            if (container != null && copied.add(step.queryFile())) {
                List<String> copy = copyCommand(step.queryFile());
                check(copy, executor.run(copy, Duration.ofSeconds(120)));
            }
            List<String> command = fbenchCommand(step);
            int n = step.clients();
            progress.accept("fbench: " + n + " client(s), " + seconds + " s: " + ShellWords.join(command));
            CommandExecutor.Result result = executor.run(command, timeout);
            Files.writeString(outDir.resolve("fbench-c" + n + ".txt"), result.stdout() + result.stderr(), StandardCharsets.UTF_8);
            check(command, result);
            FbenchSummary summary;
            try {
                summary = FbenchSummaryParser.parse(result.stdout());
            } catch (IllegalArgumentException e) {
                throw new IOException("vespa-fbench with " + n + " clients: " + e.getMessage(), e);
            }
            FbenchRun run = new FbenchRun(summary, FbenchCpu.parse(result.stderr()), step.fileRequests(),
                    (long) ignoreFirst * n);
            if (summary.flagged()) progress.accept("fbench: " + n + " client(s) FLAGGED: " + summary.flagReason());
            if (run.ranOut()) progress.accept("fbench: " + n + " client(s): " + run.notes());
            runs.add(run);
        }
        return runs;
    }

    private static void check(List<String> command, CommandExecutor.Result result) throws IOException {
        if (!result.ok()) {
            throw new IOException("'" + ShellWords.join(command) + "' exited with " + result.exitCode()
                    + ": " + (FbenchCpu.withoutTimes(result.stderr()).isBlank() ? result.stdout()
                                                                                  : FbenchCpu.withoutTimes(result.stderr())).strip());
        }
    }
}
