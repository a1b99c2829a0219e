package dev.embedlab.vespa;

import com.yahoo.embedding.huggingface.HuggingFaceEmbedderConfig;
import com.yahoo.vespa.config.search.AttributesConfig;
import com.yahoo.vespa.config.search.core.ProtonConfig;
import com.yahoo.vespa.model.VespaModel;
import dev.embedlab.vespa.testing.ApplicationPackages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped package passes the validation a deploy runs, and says what the README promises. */
class ApplicationPackageTest {

    private static VespaModel model;

    @BeforeAll
    static void buildModel() throws Exception {
        model = ApplicationPackages.validate(ApplicationPackages.productionPackage());
    }

    @Test
    void e5EmbedderUsesE5PrefixesWithTheirTrailingSpaceAndNormalizes() {
        HuggingFaceEmbedderConfig e5 = model.getConfig(HuggingFaceEmbedderConfig.class, configId("component/e5"));
        assertEquals("query: ", e5.prependQuery());
        assertEquals("passage: ", e5.prependDocument());
        assertTrue(e5.normalize());
        assertEquals(HuggingFaceEmbedderConfig.PoolingStrategy.mean, e5.poolingStrategy());
        assertEquals(512, e5.transformerMaxTokens());
        assertTrue(e5.transformerModelReference().url().isPresent(), "the deployed app fetches the model by URL");
        assertTrue(e5.tokenizerPathReference().url().isPresent(), "the deployed app fetches the tokenizer by URL");
    }

    @Test
    void staticEmbedderNormalizesAndKeepsTheDimensionsTheSchemaUses() {
        StaticLookupEmbedderConfig config = model.getConfig(StaticLookupEmbedderConfig.class, configId("component/static"));
        assertTrue(config.normalize());
        assertEquals(256, config.dimensions());
        assertTrue(config.modelReference().url().isPresent(), "the deployed app fetches the model by URL");
        AttributesConfig attributes = model.getConfig(AttributesConfig.class, configId("search/cluster.content/passage"));
        AttributesConfig.Attribute field = attributes.attribute().stream()
                .filter(a -> a.name().equals("static_embedding")).findFirst().orElseThrow();
        assertEquals("tensor<float>(x[" + config.dimensions() + "])", field.tensortype());
        assertEquals(AttributesConfig.Attribute.Distancemetric.PRENORMALIZED_ANGULAR, field.distancemetric());
    }

    @Test
    void e5EmbeddingHasTheTunedHnswIndexAndAMetricForNormalizedVectors() {
        AttributesConfig attributes = model.getConfig(AttributesConfig.class, configId("search/cluster.content/passage"));
        AttributesConfig.Attribute e5 = attributes.attribute().stream()
                .filter(a -> a.name().equals("e5_embedding")).findFirst().orElseThrow();
        assertEquals("tensor<float>(x[384])", e5.tensortype());
        assertEquals(AttributesConfig.Attribute.Distancemetric.PRENORMALIZED_ANGULAR, e5.distancemetric());
        assertTrue(e5.index().hnsw().enabled());
        assertEquals(32, e5.index().hnsw().maxlinkspernode());
        assertEquals(500, e5.index().hnsw().neighborstoexploreatinsert());
    }

    @Test
    void contentNodeLetsOneQueryUseFourThreads() {
        ProtonConfig proton = model.getConfig(ProtonConfig.class, configId("search/cluster.content/0"));
        assertEquals(4, proton.numthreadspersearch());
    }

    /** The one config id of the model that ends with the given suffix. */
    private static String configId(String suffix) {
        var matches = model.getConfigIds().stream().filter(id -> id.endsWith(suffix)).collect(Collectors.toList());
        assertEquals(1, matches.size(), "config ids ending with '" + suffix + "': " + matches
                + (matches.isEmpty() ? " (all: " + model.getConfigIds() + ")" : ""));
        return matches.get(0);
    }
}
