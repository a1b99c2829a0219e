package dev.embedlab.vespa;

import dev.embedlab.vespa.testing.ApplicationPackages;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** scripts/quickstart.sh cannot run here (no Docker engine); its --dry-run shows the plan it would run. */
class QuickstartDryRunTest {

    @Test
    void dryRunPrintsEveryStepInOrder() throws Exception {
        Run run = quickstart("--dry-run", "--docs", "7");
        assertEquals(0, run.exit, run.output);
        List<String> commands = run.output.lines().filter(line -> line.startsWith("+ ")).toList();
        List<String> expectedInOrder = List.of(
                "docker run --detach --name embedlab-vespa",
                "/state/v1/health",
                "mvn -B -f",
                "scripts/fetch-data.sh yo",
                "scripts/align.sh --max-docs 7",
                "vespa config set target local",
                "vespa deploy --wait 600",
                "head -n 7 > ",
                "bin/embedlab feed --endpoint http://localhost:8080/ ",
                "vespa query");
        assertEquals(expectedInOrder.size(), commands.size(), run.output);
        for (int i = 0; i < expectedInOrder.size(); i++)
            assertTrue(commands.get(i).contains(expectedInOrder.get(i)), "step " + i + ": " + commands.get(i));
        assertTrue(commands.get(0).contains("vespaengine/vespa:8.700.24"), "pinned image: " + commands.get(0));
        // The first N lines of the feed file go to embedlab feed as they are: it keeps their ids (type set to
        // passage), the ids it gives the raw corpus too, and checks Vespa's document count afterwards.
        assertTrue(commands.get(7).startsWith("+ zstdcat ") && commands.get(7).endsWith("feed/yo-feed-first-7.jsonl'")
                   && !commands.get(7).contains("sed"), "the feed file's lines, unedited: " + commands.get(7));
        assertTrue(commands.get(8).endsWith("feed/yo-feed-first-7.jsonl") && !commands.get(8).contains("--no-count-check"),
                   "feeds those lines with the count check: " + commands.get(8));
        assertTrue(commands.get(9).contains("nearestNeighbor\\(e5_embedding"), commands.get(9));
    }

    @Test
    void downRemovesTheContainer() throws Exception {
        Run run = quickstart("--down", "--dry-run");
        assertEquals(0, run.exit, run.output);
        assertEquals(List.of("+ docker rm -f embedlab-vespa"),
                     run.output.lines().filter(line -> line.startsWith("+ ")).toList());
    }

    @Test
    void badArgumentsAreRejectedWithAMessage() throws Exception {
        Run unknown = quickstart("--bogus");
        assertEquals(2, unknown.exit);
        assertTrue(unknown.output.contains("unknown argument '--bogus'"), unknown.output);
        Run badCount = quickstart("--docs", "many", "--dry-run");
        assertEquals(2, badCount.exit);
        assertTrue(badCount.output.contains("--docs must be a positive number"), badCount.output);
    }

    private record Run(int exit, String output) { }

    private static Run quickstart(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", ApplicationPackages.projectRoot().resolve("scripts/quickstart.sh").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "quickstart did not finish");
        return new Run(process.exitValue(), output);
    }
}
