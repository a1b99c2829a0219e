package dev.embedlab.vespa.testing;

import com.yahoo.config.model.api.HostInfo;
import com.yahoo.vespa.configdefinition.IlscriptsConfig;
import com.yahoo.vespa.model.VespaModel;
import com.yahoo.vespa.model.container.ApplicationContainerCluster;
import dev.embedlab.vespa.cache.QueryEmbeddingCacheSearcherConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Placement mistakes of a multi-node package that the config model accepts but a running cluster does not.
 * Vespa 8.700.24's EmbedExpressionValidator looks for an embedder id in any container cluster, not in the one that
 * runs indexing, and nothing checks the embedders our cache searcher names: both fail only when a container starts.
 */
public final class ClusterPlacement {

    private static final Pattern EMBED = Pattern.compile("\\bembed\\s+([A-Za-z0-9_-]+)");

    private ClusterPlacement() { }

    /** Every problem found, each naming the cluster, component or host; empty when the layout is sound. */
    public static List<String> problems(VespaModel model, Set<String> hostsXmlHostnames) {
        List<String> problems = new ArrayList<>();
        problems.addAll(indexingEmbedderProblems(model));
        problems.addAll(cacheSearcherEmbedderProblems(model));
        problems.addAll(idleHostProblems(model, hostsXmlHostnames));
        return problems;
    }

    /** The embedders each content cluster's indexing scripts name must be components of the cluster that indexes. */
    static List<String> indexingEmbedderProblems(VespaModel model) {
        List<String> problems = new ArrayList<>();
        for (String content : model.getContentClusters().keySet()) {
            IlscriptsConfig scripts = model.getConfig(IlscriptsConfig.class, content + "/search/cluster." + content);
            Map<String, Set<String>> fieldsByEmbedder = new TreeMap<>();
            for (IlscriptsConfig.Ilscript script : scripts.ilscript())
                for (String statement : script.content()) {
                    Matcher embed = EMBED.matcher(statement);
                    while (embed.find()) fieldsByEmbedder.computeIfAbsent(embed.group(1), __ -> new TreeSet<>()).add(statement);
                }
            List<String> indexing = model.getContainerClusters().keySet().stream()
                    .filter(cluster -> model.getConfigIds().contains(cluster + "/docprocchains/chain/indexing")).sorted().toList();
            if (indexing.isEmpty() && ! fieldsByEmbedder.isEmpty())
                problems.add("content cluster '" + content + "': no container cluster runs the indexing chain");
            for (String cluster : indexing) {
                Set<String> components = componentNames(model.getContainerClusters().get(cluster));
                fieldsByEmbedder.forEach((embedder, statements) -> {
                    if ( ! components.contains(embedder))
                        problems.add("container cluster '" + cluster + "' runs indexing for content cluster '" + content +
                                     "' but has no embedder '" + embedder + "', used by: " + statements);
                });
            }
        }
        return problems;
    }

    /** Every embedder a QueryEmbeddingCacheSearcher maps must be a component of the searcher's own cluster. */
    static List<String> cacheSearcherEmbedderProblems(VespaModel model) {
        List<String> problems = new ArrayList<>();
        for (var entry : model.getContainerClusters().entrySet()) {
            String cluster = entry.getKey();
            Set<String> components = componentNames(entry.getValue());
            for (String configId : model.getConfigIds()) {
                if ( ! configId.startsWith(cluster + "/") || ! configId.endsWith("/dev.embedlab.vespa.cache.QueryEmbeddingCacheSearcher"))
                    continue;
                QueryEmbeddingCacheSearcherConfig searcher = model.getConfig(QueryEmbeddingCacheSearcherConfig.class, configId);
                for (QueryEmbeddingCacheSearcherConfig.Mapping mapping : searcher.mapping())
                    if ( ! components.contains(mapping.embedder()))
                        problems.add("container cluster '" + cluster + "': " + configId + " maps " + mapping.feature() +
                                     " to embedder '" + mapping.embedder() + "', which is not a component of this cluster");
            }
        }
        return problems;
    }

    /** A host in hosts.xml that no service runs on is a machine paid for and idle (Vespa accepts it silently). */
    static List<String> idleHostProblems(VespaModel model, Set<String> hostsXmlHostnames) {
        Set<String> used = model.getHosts().stream()
                .filter(host -> host.getServices().stream().anyMatch(s -> ! isPerHostService(s.getServiceType())))
                .map(HostInfo::getHostname).collect(Collectors.toSet());
        return hostsXmlHostnames.stream().filter(host -> ! used.contains(host)).sorted()
                .map(host -> "hosts.xml host '" + host + "' runs no service: no element of services.xml refers to its alias")
                .toList();
    }

    /** Services Vespa puts on every host it knows, whether or not services.xml uses the host. */
    private static boolean isPerHostService(String type) {
        return Set.of("config-sentinel", "logd", "configproxy", "metricsproxy-container").contains(type);
    }

    public static Set<String> componentNames(ApplicationContainerCluster cluster) {
        return cluster.getAllComponents().stream().map(c -> c.getComponentId().getName()).collect(Collectors.toSet());
    }
}
