package dev.embedlab.vespa.cache;

import dev.embedlab.vespa.testing.QueryFeaturesEchoSearcher;
import dev.embedlab.vespa.testing.TestApplication.Customization;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.embedlab.vespa.testing.TestApplication.children;
import static dev.embedlab.vespa.testing.TestApplication.componentById;

/** Test-package changes for the cache tests, applied to the production package copy by TestApplication. */
public final class CacheTestPackage {

    static final String CACHE_ID = "queryEmbeddingCache";
    static final String SEARCHER_CLASS = QueryEmbeddingCacheSearcher.class.getName();

    /** Rank profiles that only tests use: other tensor types for the same feature, and several features at once. */
    static final String TEST_RANK_PROFILES = """

                rank-profile cache_test_bits {
                    inputs {
                        query(q_e5) tensor<int8>(x[48])
                    }
                    first-phase {
                        expression: 0
                    }
                }

                rank-profile cache_test_unembeddable {
                    inputs {
                        query(q_e5) tensor<int8>(x[49])
                    }
                    first-phase {
                        expression: 0
                    }
                }

                rank-profile cache_test_two {
                    inputs {
                        query(q_e5) tensor<float>(x[384])
                        query(q_e5_bits) tensor<int8>(x[48])
                        query(q_static) tensor<float>(x[256])
                    }
                    first-phase {
                        expression: 0
                    }
                }
            """;

    private CacheTestPackage() { }

    /** Replaces the embedder {@code id} by a CountingEmbedder of the same id wrapping it as a nested component. */
    public static Customization countCallsTo(String id) {
        return (document, container, dir) -> {
            Element embedder = componentById(container, id);
            Element wrapper = document.createElement("component");
            wrapper.setAttribute("id", id);
            wrapper.setAttribute("class", CountingEmbedder.class.getName());
            wrapper.setAttribute("bundle", "embedlab-app");
            container.replaceChild(wrapper, embedder);
            embedder.setAttribute("id", id + "_model");
            wrapper.appendChild(embedder);
        };
    }

    static Customization testRankProfiles() {
        return (document, container, dir) -> {
            Path schema = dir.resolve("schemas/passage.sd");
            String text = Files.readString(schema, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('}');
            Files.writeString(schema, text.substring(0, end) + TEST_RANK_PROFILES + text.substring(end), StandardCharsets.UTF_8);
        };
    }

    static Customization cacheLimits(long maxEntries, long maxBytes) {
        return (document, container, dir) -> {
            Element cache = componentById(container, CACHE_ID);
            Element config = children(cache, "config").get(0);
            children(config, "maxEntries").get(0).setTextContent(Long.toString(maxEntries));
            children(config, "maxBytes").get(0).setTextContent(Long.toString(maxBytes));
        };
    }

    /** Adds a mapping to the cache searcher of the default chain. */
    static Customization extraMapping(String embedder, String feature) {
        return (document, container, dir) -> {
            Element mapping = children(children(defaultCacheSearcher(container), "config").get(0), "mapping").get(0);
            mapping.appendChild(mappingItem(document, embedder, feature));
        };
    }

    /**
     * A chain {@code truncating} with a second cache searcher instance (sharing the cache component) that
     * truncates texts over {@code maxTextLength}, ending in the echo searcher.
     */
    static Customization truncatingChain(int maxTextLength) {
        return (document, container, dir) -> {
            Element search = children(container, "search").get(0);
            Element chain = document.createElement("chain");
            chain.setAttribute("id", "truncating");
            chain.setAttribute("inherits", "vespa");
            Element searcher = document.createElement("searcher");
            searcher.setAttribute("id", "truncatingCacheSearcher");
            searcher.setAttribute("class", SEARCHER_CLASS);
            searcher.setAttribute("bundle", "embedlab-app");
            Element config = document.createElement("config");
            config.setAttribute("name", "dev.embedlab.vespa.cache.query-embedding-cache-searcher");
            append(document, config, "maxTextLength", Integer.toString(maxTextLength));
            append(document, config, "overLength", "TRUNCATE");
            Element mapping = append(document, config, "mapping", null);
            mapping.appendChild(mappingItem(document, "e5", "query(q_e5)"));
            searcher.appendChild(config);
            chain.appendChild(searcher);
            Element echo = document.createElement("searcher");
            echo.setAttribute("id", QueryFeaturesEchoSearcher.class.getName());
            echo.setAttribute("bundle", "embedlab-app");
            chain.appendChild(echo);
            search.appendChild(chain);
        };
    }

    private static Element defaultCacheSearcher(Element container) {
        for (Element chain : children(children(container, "search").get(0), "chain"))
            if ("default".equals(chain.getAttribute("id")))
                for (Element searcher : children(chain, "searcher"))
                    if (SEARCHER_CLASS.equals(searcher.getAttribute("id"))) return searcher;
        throw new IllegalStateException("The default chain has no " + SEARCHER_CLASS);
    }

    private static Element mappingItem(Document document, String embedder, String feature) {
        Element item = document.createElement("item");
        append(document, item, "embedder", embedder);
        append(document, item, "feature", feature);
        return item;
    }

    private static Element append(Document document, Element parent, String tag, String text) {
        Element element = document.createElement(tag);
        if (text != null) element.setTextContent(text);
        parent.appendChild(element);
        return element;
    }
}
