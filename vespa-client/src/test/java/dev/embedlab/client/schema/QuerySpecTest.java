package dev.embedlab.client.schema;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class QuerySpecTest {

    @Test
    void yqlPerMode() {
        assertEquals("select doc_id from passage where {targetHits:100, approximate:true, hnsw.exploreAdditionalHits:300}"
                + "nearestNeighbor(e5_embedding, q_e5)", QuerySpec.of(QueryMode.E5).withExploreAdditionalHits(300).yql());
        assertEquals("select doc_id from passage where {targetHits:100, approximate:false}nearestNeighbor(static_embedding, q_static)",
                QuerySpec.of(QueryMode.STATIC).withApproximate(false).yql());
        assertEquals("select doc_id from passage where userQuery()", QuerySpec.of(QueryMode.BM25).yql());
        assertEquals("select doc_id from passage where ({targetHits:100, approximate:true, hnsw.exploreAdditionalHits:0}"
                + "nearestNeighbor(e5_embedding, q_e5)) or userQuery()", QuerySpec.of(QueryMode.HYBRID).yql());
    }

    @Test
    void bodyPerMode() {
        var bm25 = QuerySpec.of(QueryMode.BM25).body("Bandari kubwa");
        assertEquals("Bandari kubwa", bm25.get("query").asText());
        assertEquals("bm25", bm25.get("ranking").asText());
        assertFalse(bm25.has(QueryMode.CACHE_TEXT_PARAMETER));
        var hybrid = QuerySpec.of(QueryMode.HYBRID).body("x");
        assertEquals("x", hybrid.get("query").asText());
        assertEquals("x", hybrid.get(QueryMode.CACHE_TEXT_PARAMETER).asText());
        assertEquals("20s", hybrid.get("timeout").asText());
        assertEquals("e5-approx-t100-e300", QuerySpec.of(QueryMode.E5).withExploreAdditionalHits(300).label());
        assertEquals("e5-exact-t100-numThreadsPerSearch4",
                QuerySpec.of(QueryMode.E5).withApproximate(false).withExtra("ranking.matching.numThreadsPerSearch", "4").label());
    }
}
