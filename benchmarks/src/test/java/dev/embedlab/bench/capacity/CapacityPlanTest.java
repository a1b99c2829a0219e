package dev.embedlab.bench.capacity;

import dev.embedlab.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapacityPlanTest {

    @Test
    void readsTheDeployedSchemasVectorFieldsAndTheirHnswSettings() throws Exception {
        List<VectorField> fields = VectorField.read(TestData.root().resolve("app/src/main/application/schemas/passage.sd"));
        assertEquals(List.of(new VectorField("e5_embedding", "float", 384, OptionalInt.of(32)),
                             new VectorField("static_embedding", "float", 256, OptionalInt.of(32))), fields);
        assertEquals(List.of(1536, 1024), fields.stream().map(VectorField::vectorBytes).toList());
    }

    @Test
    void hnswLinkBytesFollowVespasLayerLimits() {
        // M = 32: 64 links on layer 0, plus 32/31 above on average, 4 bytes each.
        assertEquals(4 * (64 + 32.0 / 31), new VectorField("f", "float", 8, OptionalInt.of(32)).hnswLinkBytes(), 1e-9);
        assertEquals(0, new VectorField("f", "bfloat16", 8, OptionalInt.empty()).hnswLinkBytes());
        assertEquals(16, new VectorField("f", "bfloat16", 8, OptionalInt.empty()).vectorBytes());
    }

    @Test
    void fieldsWithoutIndexDoNotBorrowTheNextFieldsSettings(@TempDir Path dir) throws Exception {
        Path schema = dir.resolve("s.sd");
        Files.writeString(schema, """
                schema s {
                    field a type tensor<bfloat16>(x[4]) {
                        indexing: attribute
                    }
                    field b type tensor<float>(x[2]) {
                        indexing: attribute | index
                        index { hnsw { max-links-per-node: 8 } }
                    }
                }
                """);
        assertEquals(List.of(new VectorField("a", "bfloat16", 4, OptionalInt.empty()),
                             new VectorField("b", "float", 2, OptionalInt.of(8))), VectorField.read(schema));
    }

    @Test
    void planDividesTheCorpusOverGroupsAndTheRatesOverCores() {
        VectorField field = new VectorField("v", "float", 250, OptionalInt.empty());  // 1,000 bytes per document
        CapacityPlan plan = new CapacityPlan(new CapacityPlan.Inputs(List.of(field), 500, 10, 40, 0.75, 10, 160,
                                                                     2, 2, 10, 0.5, 8, 4));
        CapacityPlan.Row row = plan.plan(12_000_000);
        assertEquals(12.0, row.memoryGbPerCopy(), 1e-9);
        assertEquals(3, row.contentNodesPerGroup(), "12 GB per group over 5 usable GB per node");
        assertEquals(6, row.contentNodes());
        assertEquals(6.0, row.textGbPerCopy(), 1e-9);
        assertEquals(12_000_000 / 36_000.0 / 10, row.feedCores(), 1e-9);
        assertEquals(5, row.feedContainers(), "33.3 cores over 8 per container");
        assertEquals(1.0, row.queryEmbeddingCores(), 1e-9, "160 qps, a quarter missing the cache, 40 per core");
        assertEquals(2, row.queryContainers(), "never fewer than two");
        assertTrue(plan.planTable(List.of(12_000_000L)).contains("| 12,000,000 | 12.0 GB | 6 (2 x 3) |"), plan.planTable(List.of(12_000_000L)));
    }

    @Test
    void everyMeasuredInputMustBeGiven() {
        var e = assertThrows(IllegalArgumentException.class, () -> CapacityPlanCommand.parse(new String[] { "--schema", "x" }));
        assertTrue(e.getMessage().startsWith("Missing --"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CapacityPlanCommand.parse(new String[] { "--bogus", "1" }));
    }

    @Test
    void meanTextBytesCountsTitleAndTextOfEveryPassage() throws Exception {
        double mean = CapacityPlanCommand.meanTextBytes(TestData.miracl("yo-feed.jsonl.zst"));
        assertTrue(mean > 20 && mean < 10_000, "mean " + mean);
    }
}
