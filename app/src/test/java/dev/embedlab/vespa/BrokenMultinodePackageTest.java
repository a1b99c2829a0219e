package dev.embedlab.vespa;

import com.yahoo.vespa.model.VespaModel;
import dev.embedlab.vespa.testing.ApplicationPackages;
import dev.embedlab.vespa.testing.ClusterPlacement;
import dev.embedlab.vespa.testing.Deployment;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Typical mistakes in a copy of the multi-node package. Where Vespa's config model catches them, its own message is
 * asserted; where it accepts them (they fail only when a container starts, or waste a host), {@link ClusterPlacement}
 * does, and the test first shows that the config model does not.
 */
class BrokenMultinodePackageTest {

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}: ''{1}'' -> ''{2}''")
    @CsvSource(delimiter = ';', value = {
            // services.xml names a host alias that hosts.xml lacks.
            "hosts.xml               ; <host name=\"node10.vespanet\"><alias>content3</alias></host> ; ; Unable to find host for alias 'content3'",
            // No cluster has the embedder the schema's indexing needs.
            "services/embedders.xml  ; <component id=\"e5\" type   ; <component id=\"e5-small\" type ; refers to an embedder with id 'e5'. No component with that id is configured",
            // Indexing sent to a cluster that does not exist.
            "services/content.xml    ; <document-processing cluster=\"feed\"/> ; <document-processing cluster=\"feeder\"/> ; feeder",
            // A group without a distribution key.
            "services.xml            ; <group name=\"group1\" distribution-key=\"1\"> ; <group name=\"group1\"> ; distribution-key",
            // Two content nodes with one distribution key.
            "services.xml            ; <node hostalias=\"content3\" distribution-key=\"3\"/> ; <node hostalias=\"content3\" distribution-key=\"2\"/> ; Multiple services/instances of the id '2'",
    })
    void theConfigModelRejectsIt(String file, String original, String broken, String expectedInMessage) throws Exception {
        Path copy = brokenCopy(file, original, broken);
        Exception e = assertThrows(Exception.class, () -> Deployment.selfHosted().deploy(copy, work.resolve("deploy")));
        String messages = allMessages(e);
        assertTrue(messages.contains(expectedInMessage), "'" + expectedInMessage + "' not in: " + messages);
    }

    @ParameterizedTest(name = "{0}: ''{1}'' -> ''{2}''")
    @CsvSource(delimiter = ';', value = {
            // The query cluster without the embedders its cache searcher (and so its rank profiles' inputs) need.
            "services.xml ; <container id=\"query\" version=\"1.0\">\\n        <preprocess:include file=\"services/embedders.xml\"/> ; <container id=\"query\" version=\"1.0\"> ; maps query(q_e5) to embedder 'e5', which is not a component of this cluster",
            // The feed cluster without them: indexing would fail on the first document.
            "services.xml ; <container id=\"feed\" version=\"1.0\">\\n        <preprocess:include file=\"services/embedders.xml\"/> ; <container id=\"feed\" version=\"1.0\"> ; container cluster 'feed' runs indexing for content cluster 'content' but has no embedder 'e5'",
            // A host in hosts.xml that no service uses.
            "hosts.xml    ; </hosts> ; <host name=\"node11.vespanet\"><alias>content4</alias></host></hosts> ; hosts.xml host 'node11.vespanet' runs no service",
    })
    void theConfigModelAcceptsItButThePlacementCheckDoesNot(String file, String original, String broken, String expectedProblem) throws Exception {
        Path copy = brokenCopy(file, original.replace("\\n", "\n"), broken);
        VespaModel model = Deployment.selfHosted().deploy(copy, work.resolve("deploy")).model();
        List<String> problems = ClusterPlacement.problems(model, hostnames(copy));
        assertTrue(problems.stream().anyMatch(problem -> problem.contains(expectedProblem)), problems.toString());
    }

    private Path brokenCopy(String file, String original, String broken) throws Exception {
        Path copy = work.resolve("package");
        ApplicationPackages.copyTree(ApplicationPackages.multinodePackage(), copy);
        Path target = copy.resolve(file);
        String content = Files.readString(target);
        assertTrue(content.contains(original), file + " no longer contains '" + original + "': update this test");
        String changed = content.replace(original, broken == null ? "" : broken);
        assertNotEquals(content, changed);
        Files.writeString(target, changed);
        return copy;
    }

    private static Set<String> hostnames(Path packageDir) throws Exception {
        Set<String> names = new TreeSet<>();
        var matcher = java.util.regex.Pattern.compile("<host name=\"([^\"]+)\"").matcher(Files.readString(packageDir.resolve("hosts.xml")));
        while (matcher.find()) names.add(matcher.group(1));
        return names;
    }

    private static String allMessages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (; t != null; t = t.getCause()) all.append(t.getMessage()).append(" | ");
        return all.toString();
    }
}
