package dev.embedlab.client.fbench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs external commands (vespa-fbench, docker, vespa CLI). An interface so tests can replay recorded output. */
public interface CommandExecutor {

    /** Exit code and captured output of a finished command. */
    record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    Result run(List<String> command, Duration timeout) throws IOException;

    /**
     * The real thing: a child process, output captured, killed with everything it started when it overruns the
     * timeout. fbench runs under {@code sh -c} (and {@code docker exec}), so killing the direct child alone would
     * leave vespa-fbench running. Inside a container only the {@code docker exec} client is our descendant: the
     * shell and fbench it started in the container may keep running until they end by themselves (fbench stops
     * after its -s seconds; the timeout is that plus a margin).
     */
    CommandExecutor SYSTEM = (command, timeout) -> {
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new IOException("'" + String.join(" ", command) + "' did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    };

    /** Kills the process's descendants (deepest first, as listed before any dies), then the process. */
    private static void kill(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        for (int i = descendants.size() - 1; i >= 0; i--) descendants.get(i).destroyForcibly();
        process.destroyForcibly();
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
