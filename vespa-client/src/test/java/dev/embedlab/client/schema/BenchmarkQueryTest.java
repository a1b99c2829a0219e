package dev.embedlab.client.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchmarkQueryTest {

    private static final String TEXT = "Ta ni Olusegun Obasanjo?";

    @Test
    void vespaFormHasVespaEmbedTheModesOwnEmbedderAndNoCacheParameter() {
        record Expected(QueryMode mode, String input, String call) {
        }
        for (Expected e : List.of(new Expected(QueryMode.E5, "input.query(q_e5)", "embed(e5, @text)"),
                new Expected(QueryMode.E5_FAST, "input.query(q_e5_fast)", "embed(e5_fast, @text)"),
                new Expected(QueryMode.STATIC, "input.query(q_static)", "embed(static, @text)"),
                new Expected(QueryMode.HYBRID, "input.query(q_e5)", "embed(e5, @text)"))) {
            ObjectNode body = BenchmarkQuery.retrieval(QuerySpec.of(e.mode()), EmbedForm.VESPA).body(TEXT);
            assertEquals(e.call(), body.path(e.input()).asText(), e.mode() + ": " + body);
            assertEquals(TEXT, body.path("text").asText(), e.mode() + ": " + body);
            assertFalse(body.has(QueryMode.CACHE_TEXT_PARAMETER), e.mode() + " must not also go through the cache: " + body);
            assertEquals(QuerySpec.of(e.mode()).yql(), body.path("yql").asText());
            assertEquals(e.mode().rankProfile(), body.path("ranking").asText());
        }
    }

    @Test
    void cachedAndColdFormsSendTheTextToTheCacheSearcherOnly() {
        for (EmbedForm form : List.of(EmbedForm.CACHED, EmbedForm.COLD)) {
            ObjectNode body = BenchmarkQuery.retrieval(QuerySpec.of(QueryMode.E5), form).body(TEXT);
            assertEquals(QuerySpec.of(QueryMode.E5).body(TEXT), body, form.toString());
            assertFalse(body.has("input.query(q_e5)"));
        }
    }

    @Test
    void embeddingCostIsTheBlogsOneDocumentProbeWithTargetHitsOneAndNoHits() {
        QuerySpec spec = QuerySpec.of(QueryMode.E5).withExploreAdditionalHits(300);
        BenchmarkQuery probe = new BenchmarkQuery(spec, EmbedForm.VESPA, QueryKind.EMBEDDING_COST, "598#0");
        ObjectNode body = probe.body(TEXT);
        assertEquals("select doc_id from passage where rank(doc_id contains \"598#0\", "
                + "{targetHits:1}nearestNeighbor(e5_embedding, q_e5))", body.path("yql").asText());
        assertEquals(0, body.path("hits").asInt(-1));
        assertEquals("embed(e5, @text)", body.path("input.query(q_e5)").asText());
        assertEquals("e5", body.path("ranking").asText());
        assertEquals("e5-embedding-cost-vespa", probe.label());
        assertEquals(List.of("--embed", "vespa", "--kind", "embedding-cost", "--doc-id", "598#0"),
                probe.cliArgs().subList(probe.cliArgs().size() - 6, probe.cliArgs().size()));

        BenchmarkQuery quoted = new BenchmarkQuery(QuerySpec.of(QueryMode.STATIC), EmbedForm.VESPA,
                QueryKind.EMBEDDING_COST, "a\"b\\c");
        assertEquals("select doc_id from passage where rank(doc_id contains \"a\\\"b\\\\c\", "
                + "{targetHits:1}nearestNeighbor(static_embedding, q_static))", quoted.yql());
        assertEquals(TEXT, quoted.body(TEXT).path(EmbedForm.EMBED_TEXT_PARAMETER).asText());
    }

    /** The cached and cold forms name cache hits and misses: a mode mapped without a cache has neither. */
    @Test
    void cachedAndColdFormsAreRefusedForModesWithoutACache() {
        for (QueryMode mode : List.of(QueryMode.STATIC, QueryMode.E5_FAST)) {
            for (EmbedForm form : List.of(EmbedForm.CACHED, EmbedForm.COLD)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> BenchmarkQuery.retrieval(QuerySpec.of(mode), form));
                assertEquals("--embed " + form + " measures cache hits or misses, but mode " + mode + " has no cache: "
                        + "services.xml maps its embedder " + mode.embedderId() + " with <cache>false</cache> "
                        + "(use --embed vespa)", e.getMessage());
            }
            assertEquals(EmbedForm.VESPA, BenchmarkQuery.retrieval(QuerySpec.of(mode), EmbedForm.VESPA).form());
        }
        assertEquals(EmbedForm.COLD, BenchmarkQuery.retrieval(QuerySpec.of(QueryMode.HYBRID), EmbedForm.COLD).form());
    }

    /** Runs that send different requests must not share a default output directory. */
    @Test
    void labelsNameTheExtraParametersAndTheLanguage() {
        QuerySpec sw = new QuerySpec(QueryMode.E5, true, 100, 0, 100, java.time.Duration.ofSeconds(5), "sw",
                java.util.Map.of("ranking.matching.numThreadsPerSearch", "2"));
        assertEquals("e5-embedding-cost-numThreadsPerSearch2-sw-cold",
                new BenchmarkQuery(sw, EmbedForm.COLD, QueryKind.EMBEDDING_COST, "71#13").label());
        assertEquals("e5-approx-t100-e0-numThreadsPerSearch2-sw-vespa", BenchmarkQuery.retrieval(sw, EmbedForm.VESPA).label());
        assertEquals("e5-embedding-cost-vespa",
                new BenchmarkQuery(QuerySpec.of(QueryMode.E5), EmbedForm.VESPA, QueryKind.EMBEDDING_COST, "1#0").label());
    }

    @Test
    void embeddingCostNeedsAnEmbedderAloneAndADocument() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BenchmarkQuery(QuerySpec.of(QueryMode.BM25),
                EmbedForm.VESPA, QueryKind.EMBEDDING_COST, "1#0")).getMessage().contains("embeds nothing"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BenchmarkQuery(QuerySpec.of(QueryMode.HYBRID),
                EmbedForm.VESPA, QueryKind.EMBEDDING_COST, "1#0")).getMessage().contains("--mode e5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BenchmarkQuery(QuerySpec.of(QueryMode.E5),
                EmbedForm.VESPA, QueryKind.EMBEDDING_COST, " ")).getMessage().contains("--doc-id"));
    }

    @Test
    void bm25HasNoFormAndItsBodyIsTheSpecs() {
        BenchmarkQuery bm25 = BenchmarkQuery.retrieval(QuerySpec.of(QueryMode.BM25), EmbedForm.VESPA);
        assertEquals(EmbedForm.NONE, bm25.form());
        assertEquals(QuerySpec.of(QueryMode.BM25).body(TEXT), bm25.body(TEXT));
        assertEquals("bm25", bm25.label());
        assertFalse(bm25.cliArgs().contains("--embed"));
        assertThrows(IllegalArgumentException.class, () -> EmbedForm.parse("none"));
        assertEquals(EmbedForm.COLD, EmbedForm.parse("Cold"));
    }
}
