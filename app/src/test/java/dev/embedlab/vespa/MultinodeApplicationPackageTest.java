package dev.embedlab.vespa;

import ai.vespa.modelintegration.evaluator.config.OnnxEvaluatorConfig;
import com.yahoo.config.model.api.HostInfo;
import com.yahoo.config.model.api.ServiceInfo;
import com.yahoo.config.provision.Environment;
import com.yahoo.config.provision.NodeResources;
import com.yahoo.container.core.ChainsConfig;
import com.yahoo.embedding.huggingface.HuggingFaceEmbedderConfig;
import com.yahoo.vespa.config.content.StorDistributionConfig;
import com.yahoo.vespa.config.search.AttributesConfig;
import com.yahoo.vespa.config.search.core.ProtonConfig;
import com.yahoo.vespa.model.HostResource;
import com.yahoo.vespa.model.VespaModel;
import dev.embedlab.vespa.cache.QueryEmbeddingCacheConfig;
import dev.embedlab.vespa.cache.QueryEmbeddingCacheSearcherConfig;
import dev.embedlab.vespa.testing.ApplicationPackages;
import dev.embedlab.vespa.testing.ClusterPlacement;
import dev.embedlab.vespa.testing.Deployment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The multi-node package (app/src/main/application-multinode on top of the single-node one) as a self-hosted config
 * server and Vespa Cloud build it: Vespa's own preprocessing, XML validation, config model and validators.
 */
class MultinodeApplicationPackageTest {

    @TempDir
    static Path work;

    private static VespaModel selfHosted;
    private static VespaModel cloud;
    private static VespaModel singleNode;

    @BeforeAll
    static void deploy() throws Exception {
        selfHosted = Deployment.selfHosted().deploy(ApplicationPackages.multinodePackage(), work).model();
        cloud = Deployment.vespaCloud(Environment.prod, "aws-us-east-1c").deploy(ApplicationPackages.multinodePackage(), work).model();
        singleNode = ApplicationPackages.validate(ApplicationPackages.productionPackage());
    }

    @Test
    void selfHostedRunsEachServiceOnTheHostsNamedForIt() throws Exception {
        Map<String, Set<String>> hostsByRole = new TreeMap<>();
        for (HostInfo host : selfHosted.getHosts())
            for (ServiceInfo service : host.getServices())
                role(service).ifPresent(role -> hostsByRole.computeIfAbsent(role, __ -> new TreeSet<>()).add(host.getHostname()));
        assertEquals(Map.of("configserver", Set.of("node0.vespanet", "node1.vespanet", "node2.vespanet"),
                            "cluster-controller", Set.of("node0.vespanet", "node1.vespanet", "node2.vespanet"),
                            "feed", Set.of("node3.vespanet", "node4.vespanet"),
                            "query", Set.of("node5.vespanet", "node6.vespanet"),
                            "content", Set.of("node7.vespanet", "node8.vespanet", "node9.vespanet", "node10.vespanet")),
                     hostsByRole);
        assertEquals(List.of(), ClusterPlacement.problems(selfHosted, hostsXmlHostnames()));
    }

    @Test
    void vespaCloudProvisionsEachClusterByCountAndResources() {
        Map<String, List<NodeResources>> resourcesByCluster = new TreeMap<>();
        for (HostResource host : cloud.hostSystem().getHosts())
            for (ServiceInfo service : host.getHostInfo().getServices())
                role(service).ifPresent(role -> resourcesByCluster.computeIfAbsent(role, __ -> new java.util.ArrayList<>())
                                                                  .add(host.advertisedResources()));
        assertEquals(Set.of("feed", "query", "content", "cluster-controller"), resourcesByCluster.keySet(),
                     "no config servers in Vespa Cloud: they are the platform's");
        assertNodes(resourcesByCluster.get("feed"), 2, 8, 16);
        assertNodes(resourcesByCluster.get("query"), 2, 4, 16);
        assertNodes(resourcesByCluster.get("content"), 4, 8, 32);
        assertEquals(List.of(), ClusterPlacement.problems(cloud, Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "self-hosted", "cloud" })
    void contentClusterHasTwoGroupsOfTwoWithACopyOfEveryDocumentInEach(String form) {
        VespaModel model = model(form);
        StorDistributionConfig distribution = model.getConfig(StorDistributionConfig.class, "content");
        assertEquals(2, distribution.redundancy());
        assertEquals(2, distribution.ready_copies(), "both copies searchable: each group serves queries alone");
        List<StorDistributionConfig.Group> leaves = distribution.group().stream().filter(g -> ! g.nodes().isEmpty()).toList();
        assertEquals(2, leaves.size(), distribution.toString());
        for (StorDistributionConfig.Group group : leaves) assertEquals(2, group.nodes().size(), group.toString());
        assertEquals("1|*", distribution.group().get(0).partitions(), "one copy per group");

        for (int node = 0; node < 4; node++) {
            ProtonConfig proton = model.getConfig(ProtonConfig.class, "content/search/cluster.content/" + node);
            assertEquals(4, proton.numthreadspersearch(), "node " + node);
            // Proton sees its own group: one copy there, searchable.
            assertEquals(1, proton.distribution().redundancy(), "node " + node);
            assertEquals(1, proton.distribution().searchablecopies(), "node " + node);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "self-hosted", "cloud" })
    void feedClusterIndexesWithTheEmbeddersAndServesNoQueries(String form) {
        VespaModel model = model(form);
        Set<String> feed = ClusterPlacement.componentNames(model.getContainerClusters().get("feed"));
        assertTrue(feed.containsAll(Set.of("e5", "static", "com.yahoo.document.restapi.resource.DocumentV1ApiHandler")), feed.toString());
        assertFalse(feed.contains("queryEmbeddingCache"), feed.toString());
        assertFalse(feed.contains("com.yahoo.search.handler.SearchHandler"), feed.toString());
        assertTrue(model.getConfigIds().contains("feed/docprocchains/chain/indexing"), "indexing runs in the feed cluster");
        assertFalse(model.getConfigIds().contains("query/docprocchains/chain/indexing"), "and not in the query cluster");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "self-hosted", "cloud" })
    void queryClusterEmbedsThroughTheCacheAndHasNoDocumentApi(String form) {
        VespaModel model = model(form);
        Set<String> query = ClusterPlacement.componentNames(model.getContainerClusters().get("query"));
        assertTrue(query.containsAll(Set.of("e5", "static", "queryEmbeddingCache", "com.yahoo.search.handler.SearchHandler")),
                   query.toString());
        assertFalse(query.contains("com.yahoo.document.restapi.resource.DocumentV1ApiHandler"), "document-api off: " + query);

        ChainsConfig chains = model.getConfig(ChainsConfig.class, "query/searchchains");
        ChainsConfig.Chains chain = chains.chains().stream().filter(c -> c.id().equals("default")).findFirst().orElseThrow();
        assertEquals(List.of("vespa"), chain.inherits());
        assertEquals(List.of("dev.embedlab.vespa.cache.QueryEmbeddingCacheSearcher", "dev.embedlab.vespa.QueryVectorGuardSearcher"),
                     chain.components().stream().map(id -> id.replaceAll("@.*", "")).toList());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "self-hosted", "cloud" })
    void e5RunsOneOnnxThreadPerInferenceInBothContainerClusters(String form) {
        for (String cluster : List.of("feed", "query")) {
            OnnxEvaluatorConfig onnx = model(form).getConfig(OnnxEvaluatorConfig.class, cluster + "/component/e5");
            assertEquals(OnnxEvaluatorConfig.ExecutionMode.sequential, onnx.executionMode(), cluster);
            assertEquals(1, onnx.interOpThreads(), cluster);
            assertEquals(1, onnx.intraOpThreads(), cluster);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "self-hosted", "cloud" })
    void embeddersCacheAndSearcherAreConfiguredExactlyAsInTheSingleNodePackage(String form) {
        VespaModel model = model(form);
        for (String cluster : List.of("feed", "query")) {
            assertEquals(singleNode.getConfig(HuggingFaceEmbedderConfig.class, "default/component/e5"),
                         model.getConfig(HuggingFaceEmbedderConfig.class, cluster + "/component/e5"), cluster);
            assertEquals(singleNode.getConfig(StaticLookupEmbedderConfig.class, "default/component/static"),
                         model.getConfig(StaticLookupEmbedderConfig.class, cluster + "/component/static"), cluster);
        }
        assertEquals(singleNode.getConfig(QueryEmbeddingCacheConfig.class, "default/component/queryEmbeddingCache"),
                     model.getConfig(QueryEmbeddingCacheConfig.class, "query/component/queryEmbeddingCache"));
        assertEquals(singleNode.getConfig(QueryEmbeddingCacheSearcherConfig.class, cacheSearcherConfigId(singleNode, "default")),
                     model.getConfig(QueryEmbeddingCacheSearcherConfig.class, cacheSearcherConfigId(model, "query")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "self-hosted", "cloud" })
    void indexesTheSameSchemaWithTheSameHnswSettings(String form) {
        AttributesConfig multi = model(form).getConfig(AttributesConfig.class, "content/search/cluster.content/passage");
        AttributesConfig single = singleNode.getConfig(AttributesConfig.class, "content/search/cluster.content/passage");
        assertEquals(single, multi);
        AttributesConfig.Attribute e5 = multi.attribute().stream().filter(a -> a.name().equals("e5_embedding")).findFirst().orElseThrow();
        assertEquals(32, e5.index().hnsw().maxlinkspernode());
        assertEquals(500, e5.index().hnsw().neighborstoexploreatinsert());
    }

    @Test
    void schemaAndQueryProfilesAreTheSingleNodeFilesNotCopies() throws Exception {
        Path source = ApplicationPackages.projectRoot().resolve("app/src/main/application-multinode");
        assertFalse(Files.exists(source.resolve("schemas")), "the multi-node source must not hold its own schema");
        assertFalse(Files.exists(source.resolve("search")), "nor its own query profiles");
        for (String file : List.of("schemas/passage.sd", "search/query-profiles/default.xml"))
            assertArrayEquals(Files.readAllBytes(ApplicationPackages.productionPackage().resolve(file)),
                              Files.readAllBytes(ApplicationPackages.multinodePackage().resolve(file)), file);
    }

    @Test
    void vespaCloudDevBuildsFromTheSameFile() throws Exception {
        VespaModel dev = Deployment.vespaCloud(Environment.dev, "aws-us-east-1c").deploy(ApplicationPackages.multinodePackage(), work).model();
        assertEquals(Set.of("feed", "query"), dev.getContainerClusters().keySet());
        assertEquals(Set.of("content"), dev.getContentClusters().keySet());
    }

    private static VespaModel model(String form) {
        return form.equals("cloud") ? cloud : selfHosted;
    }

    /** The role a service plays in this layout, if it is one the layout places. */
    private static java.util.Optional<String> role(ServiceInfo service) {
        String type = service.getServiceType();
        String configId = service.getConfigId();
        if (type.equals("configserver")) return java.util.Optional.of("configserver");
        if (type.equals("container-clustercontroller")) return java.util.Optional.of("cluster-controller");
        if (type.equals("searchnode")) return java.util.Optional.of("content");
        if (type.equals("container")) return java.util.Optional.of(configId.substring(0, configId.indexOf('/')));
        return java.util.Optional.empty();
    }

    private static void assertNodes(List<NodeResources> nodes, int count, double vcpu, double memoryGb) {
        assertEquals(count, nodes.size(), nodes.toString());
        for (NodeResources node : nodes) {
            assertEquals(vcpu, node.vcpu(), node.toString());
            assertEquals(memoryGb, node.memoryGiB(), node.toString());
        }
    }

    private static String cacheSearcherConfigId(VespaModel model, String cluster) {
        var ids = model.getConfigIds().stream()
                .filter(id -> id.startsWith(cluster + "/") && id.endsWith("/dev.embedlab.vespa.cache.QueryEmbeddingCacheSearcher"))
                .collect(Collectors.toList());
        assertEquals(1, ids.size(), ids.toString());
        return ids.get(0);
    }

    static Set<String> hostsXmlHostnames() throws Exception {
        var hosts = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ApplicationPackages.multinodePackage().resolve("hosts.xml").toFile()).getElementsByTagName("host");
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < hosts.getLength(); i++) names.add(((org.w3c.dom.Element) hosts.item(i)).getAttribute("name"));
        return names;
    }
}
