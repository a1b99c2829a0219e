package dev.embedlab.client.sweep;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static dev.embedlab.client.sweep.HnswSettings.MAX_LINKS_PER_NODE;
import static dev.embedlab.client.sweep.HnswSettings.NEIGHBORS_TO_EXPLORE_AT_INSERT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HnswSettingsTest {

    private static final String SD = """
            schema s {
                document s {
                    # field e5 type tensor<float>(x[4]) { index { hnsw { max-links-per-node: 99 } } }
                    field e5 type tensor<float>(x[4]) {
                        indexing: attribute | index
                        index {
                            hnsw {
                                max-links-per-node: 32   # the blog's setting
                            }
                        }
                    }
                    field e5_binary type tensor<int8>(x[1]) {
                        indexing: attribute | index
                        index { hnsw { } }
                    }
                    field title type string {
                        indexing: index | summary
                        index: enable-bm25
                    }
                }
                field outside type tensor<float>(x[4]) {
                    indexing: input title | embed | attribute | index
                    index {
                        distance-metric: angular
                    }
                }
            }
            """;

    @Test
    void replacesOnlyTheValueAndAddsAMissingSettingAboveTheClosingBrace() throws Exception {
        String edited = HnswSettings.set(HnswSettings.set(SD, "e5", MAX_LINKS_PER_NODE, 16, "s.sd"),
                "e5", NEIGHBORS_TO_EXPLORE_AT_INSERT, 100, "s.sd");
        String indent = " ".repeat(20);
        assertEquals(SD.replace(indent + "max-links-per-node: 32   # the blog's setting\n",
                indent + "max-links-per-node: 16   # the blog's setting\n" + indent + "neighbors-to-explore-at-insert: 100\n"), edited);
        assertEquals(16, HnswSettings.read(edited, "e5", MAX_LINKS_PER_NODE, "s.sd"));
        assertEquals(100, HnswSettings.read(edited, "e5", NEIGHBORS_TO_EXPLORE_AT_INSERT, "s.sd"));
    }

    @Test
    void aOneLineBlockGetsItsSettingOnALineOfItsOwn() throws Exception {
        String edited = HnswSettings.set(SD, "e5_binary", MAX_LINKS_PER_NODE, 16, "s.sd");
        assertEquals(SD.replace("            index { hnsw { } }\n", """
                            index { hnsw {
                                max-links-per-node: 16
                            } }
                """), edited);
        assertEquals(-1, HnswSettings.read(edited, "e5_binary", NEIGHBORS_TO_EXPLORE_AT_INSERT, "s.sd"));
        assertEquals(32, HnswSettings.read(edited, "e5", MAX_LINKS_PER_NODE, "s.sd"), "the other field is untouched");
    }

    @Test
    void theProjectsSchemaChangesInTheTwoValuesAlone() throws Exception {
        String sd = Files.readString(ApplicationPackageEditorTest.realApplication().resolve("schemas/passage.sd"));
        String edited = ApplicationPackageEditor.rewriteHnsw(sd, "static_embedding", 8, 50, "passage.sd");
        int start = sd.indexOf("field static_embedding");
        assertEquals(sd.substring(0, start), edited.substring(0, start));
        assertEquals(sd.substring(start).replaceFirst("max-links-per-node: 32", "max-links-per-node: 8")
                .replaceFirst("neighbors-to-explore-at-insert: 500", "neighbors-to-explore-at-insert: 50"), edited.substring(start));
    }

    @Test
    void aFieldWithoutAnHnswBlockIsNamed() {
        // "index: enable-bm25" is a setting, and an index block without hnsw has nothing to tune.
        for (String field : new String[] {"title", "outside"}) {
            IOException e = assertThrows(IOException.class, () -> HnswSettings.set(SD, field, MAX_LINKS_PER_NODE, 16, "s.sd"));
            assertEquals("s.sd: field '" + field + "' has no 'index { hnsw { ... } }' block to tune; add one", e.getMessage());
        }
    }

    @Test
    void aMissingFieldIsNamedEvenWhenACommentOrAnotherFieldStartsWithIt() {
        IOException e = assertThrows(IOException.class, () -> HnswSettings.read(SD, "e5_bin", MAX_LINKS_PER_NODE, "s.sd"));
        assertEquals("s.sd: no field 'e5_bin'", e.getMessage());
    }

    @Test
    void aValueThatIsNotANumberOrIsSetTwiceIsNamedWithItsLine() {
        String bad = SD.replace("max-links-per-node: 32", "max-links-per-node: many");
        IOException notNumber = assertThrows(IOException.class, () -> HnswSettings.read(bad, "e5", MAX_LINKS_PER_NODE, "s.sd"));
        assertEquals("s.sd:8: field 'e5' hnsw max-links-per-node is 'many', not a whole number", notNumber.getMessage());
        String twice = SD.replace("max-links-per-node: 32", "max-links-per-node: 32\n max-links-per-node: 16");
        IOException doubled = assertThrows(IOException.class, () -> HnswSettings.set(twice, "e5", MAX_LINKS_PER_NODE, 8, "s.sd"));
        assertEquals("s.sd:9: field 'e5' sets hnsw max-links-per-node twice", doubled.getMessage());
    }
}
