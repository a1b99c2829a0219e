package dev.embedlab.client.fbench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** fbench's CPU from the POSIX {@code times} output of the wrapper shell, as bash and dash print it. */
class FbenchCpuTest {

    @Test
    void readsTheChildrenLineAfterTheMarker() {
        FbenchCpu bash = FbenchCpu.parse("Client 0: warning\n" + FbenchCpu.MARKER + "\n0m0.003s 0m0.001s\n1m2.500s 0m3.250s\n");
        assertEquals(62.5, bash.userSeconds(), 1e-9);
        assertEquals(3.25, bash.systemSeconds(), 1e-9);
        FbenchCpu dash = FbenchCpu.parse(FbenchCpu.MARKER + "\n0m0.000000s 0m0.004000s\n0m12.120000s 0m4.000000s\n");
        assertEquals(16.12, dash.totalSeconds(), 1e-9);
    }

    /** bash prints times with the locale's decimal separator: under de_DE, a comma. */
    @Test
    void readsADecimalComma() {
        FbenchCpu comma = FbenchCpu.parse(FbenchCpu.MARKER + "\n0m0,003s 0m0,001s\n1m2,500s 0m3,250s\n");
        assertEquals(62.5, comma.userSeconds(), 1e-9);
        assertEquals(3.25, comma.systemSeconds(), 1e-9);
    }

    @Test
    void noTimesOutputIsNotMeasured() {
        assertNull(FbenchCpu.parse(""));
        assertNull(FbenchCpu.parse(FbenchCpu.MARKER + "\n0m0.003s 0m0.001s\n"));
        assertNull(FbenchCpu.parse(FbenchCpu.MARKER + "\nsh: times: not found\nsomething else\n"));
        assertEquals("fbench error\n", FbenchCpu.withoutTimes("fbench error\n" + FbenchCpu.MARKER + "\n0m0s 0m0s\n0m1s 0m0s\n"));
    }

    /** The wrapper keeps fbench's exit code and prints the times a real sh gives (this machine's /bin/sh). */
    @Test
    void theWrapperRunsUnderARealShell() throws Exception {
        CommandExecutor.Result result = CommandExecutor.SYSTEM.run(java.util.List.of("sh", "-c", FbenchCpu.WRAPPER, "sh",
                "sh", "-c", "echo fbench output; exit 3"), java.time.Duration.ofSeconds(20));
        assertEquals(3, result.exitCode());
        assertEquals("fbench output\n", result.stdout());
        FbenchCpu cpu = FbenchCpu.parse(result.stderr());
        assertEquals(true, cpu != null && cpu.totalSeconds() >= 0, result.stderr());
    }
}
