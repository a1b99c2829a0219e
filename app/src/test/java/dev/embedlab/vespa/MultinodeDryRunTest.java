package dev.embedlab.vespa;

import dev.embedlab.vespa.testing.ApplicationPackages;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scripts/multinode.sh cannot run here (no Docker engine); its --dry-run shows the plan it would run, and that plan
 * starts exactly the hosts hosts.xml names, with config servers where services.xml puts them.
 */
class MultinodeDryRunTest {

    private static final Pattern HOSTNAME = Pattern.compile("--hostname (\\S+)");

    @Test
    void dryRunPrintsEveryStepInOrder() throws Exception {
        Run run = multinode("--dry-run", "--docs", "7");
        assertEquals(0, run.exit, run.output);
        List<String> commands = commands(run);
        List<String> expectedInOrder = new ArrayList<>();
        expectedInOrder.add("docker network create --driver bridge vespanet");
        for (int node = 0; node < 3; node++) expectedInOrder.add("docker run --detach --name embedlab-node" + node + " ");
        expectedInOrder.add("/state/v1/health");
        for (int node = 3; node < 11; node++) expectedInOrder.add("docker run --detach --name embedlab-node" + node + " ");
        expectedInOrder.addAll(List.of("scripts/fetch-data.sh yo", "scripts/align.sh --max-docs 7", "mvn -B -f",
                                       "vespa config set target local", "vespa deploy --wait 900", "/state/v1/health",
                                       "head -n 7 > ", "bin/embedlab feed --endpoint http://localhost:8080/ ",
                                       "vespa query --target http://localhost:8081"));
        assertEquals(expectedInOrder.size(), commands.size(), run.output);
        for (int i = 0; i < expectedInOrder.size(); i++)
            assertTrue(commands.get(i).contains(expectedInOrder.get(i)), "step " + i + ": " + commands.get(i));

        for (String command : commands)
            if (command.startsWith("+ docker run"))
                assertTrue(command.contains("vespaengine/vespa:8.700.24") && command.contains("VESPA_CONFIGSERVERS=node0.vespanet\\,node1.vespanet\\,node2.vespanet"),
                           "pinned image, all three config servers: " + command);
        assertTrue(commands.get(1).contains("--publish 19071:19071"), "deploys reach the first config server");
        assertTrue(commands.get(17).contains("app/target/application-multinode.zip"), commands.get(17));
        assertTrue(commands.get(15).contains("-pl app\\,cli -am"), "builds the command line the feed step runs: " + commands.get(15));
        assertTrue(commands.get(19).endsWith("feed/yo-feed-first-7.jsonl'") && !commands.get(19).contains("sed"),
                   "the feed file's lines, unedited: " + commands.get(19));
        assertTrue(commands.get(20).contains("--count-endpoint http://localhost:8081/")
                   && commands.get(20).endsWith("feed/yo-feed-first-7.jsonl"),
                   "feeds the feed cluster, counts on the query cluster (the feed cluster has no /search/): " + commands.get(20));
        assertTrue(commands.get(21).contains("nearestNeighbor\\(e5_embedding"), "queries the query cluster: " + commands.get(21));
    }

    @Test
    void startsExactlyTheHostsOfHostsXmlWithConfigServersOnTheConfigHosts() throws Exception {
        List<String> commands = commands(multinode("--dry-run"));
        Set<String> started = new TreeSet<>();
        Set<String> configServers = new TreeSet<>();
        for (String command : commands) {
            Matcher hostname = HOSTNAME.matcher(command);
            if ( ! hostname.find()) continue;
            started.add(hostname.group(1));
            if (command.endsWith(" configserver\\,services")) configServers.add(hostname.group(1));
            else assertTrue(command.endsWith(" services"), command);
        }
        String hostsXml = Files.readString(ApplicationPackages.multinodePackage().resolve("hosts.xml"));
        assertEquals(MultinodeApplicationPackageTest.hostsXmlHostnames(), started);
        Set<String> configAliasHosts = new TreeSet<>();
        Matcher configHost = Pattern.compile("<host name=\"([^\"]+)\"><alias>config\\d</alias>").matcher(hostsXml);
        while (configHost.find()) configAliasHosts.add(configHost.group(1));
        assertEquals(configAliasHosts, configServers);
        assertEquals(3, configServers.size());
    }

    @Test
    void downRemovesEveryContainerAndTheNetwork() throws Exception {
        Run run = multinode("--down", "--dry-run");
        assertEquals(0, run.exit, run.output);
        List<String> commands = commands(run);
        assertEquals(12, commands.size(), run.output);
        for (int node = 0; node < 11; node++) assertEquals("+ docker rm -f embedlab-node" + node, commands.get(node));
        assertEquals("+ docker network rm vespanet", commands.get(11));
    }

    @Test
    void badArgumentsAreRejectedWithAMessage() throws Exception {
        Run unknown = multinode("--bogus");
        assertEquals(2, unknown.exit);
        assertTrue(unknown.output.contains("unknown argument '--bogus'"), unknown.output);
        Run badCount = multinode("--docs", "0", "--dry-run");
        assertEquals(2, badCount.exit);
        assertTrue(badCount.output.contains("--docs must be a positive number"), badCount.output);
    }

    private record Run(int exit, String output) { }

    private static List<String> commands(Run run) {
        return run.output.lines().filter(line -> line.startsWith("+ ")).toList();
    }

    private static Run multinode(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", ApplicationPackages.projectRoot().resolve("scripts/multinode.sh").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "multinode.sh did not finish");
        return new Run(process.exitValue(), output);
    }
}
