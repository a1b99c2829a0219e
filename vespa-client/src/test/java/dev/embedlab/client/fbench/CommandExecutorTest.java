package dev.embedlab.client.fbench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real executor's timeout: fbench runs under a shell, so the shell's children must die with it. */
class CommandExecutorTest {

    @TempDir
    Path dir;

    @Test
    void aTimeoutKillsTheCommandsChildrenNotOnlyTheShell() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        IOException e = assertThrows(IOException.class, () -> CommandExecutor.SYSTEM.run(
                List.of("sh", "-c", "sleep 60 & echo $! > '" + pidFile + "'; wait"), Duration.ofSeconds(2)));
        assertTrue(e.getMessage().contains("did not finish within 2 s"), e.getMessage());
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the shell's child 'sleep' still runs");
    }
}
