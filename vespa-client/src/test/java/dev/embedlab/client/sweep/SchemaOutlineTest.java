package dev.embedlab.client.sweep;

import dev.embedlab.client.sweep.SchemaOutline.Block;
import dev.embedlab.client.sweep.SchemaOutline.Setting;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SchemaOutlineTest {

    private static <T> T only(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.get(0);
    }

    @Test
    void theProjectsSchemaHasItsFieldsIndexAndHnswBlocks() throws Exception {
        String sd = Files.readString(ApplicationPackageEditorTest.realApplication().resolve("schemas/passage.sd"));
        Block schema = only(SchemaOutline.parse(sd, "passage.sd").children());
        assertEquals("schema passage", schema.header());
        Block document = only(schema.children("document passage"));
        assertEquals(List.of("language", "doc_id", "title", "text"),
                document.children().stream().filter(b -> b.keyword().equals("field")).map(Block::name).toList());
        Block e5 = only(schema.children("field e5_embedding type tensor<float>(x[384])"));
        Block hnsw = only(only(e5.children("index")).children("hnsw"));
        assertEquals("32", only(hnsw.settings("max-links-per-node")).value());
        assertEquals("500", only(hnsw.settings("neighbors-to-explore-at-insert")).value());
        Setting indexing = only(e5.settings("indexing"));
        assertEquals("input title . \" \" . input text | embed e5 | attribute | index", indexing.value());
        assertEquals(indexing.value(), sd.substring(indexing.valueStart(), indexing.valueEnd()));
    }

    /** Braces in comments, strings, tensor types and tensor literals are not blocks. */
    @Test
    void bracesThatAreNotBlocksAreText() throws Exception {
        String sd = """
                schema s {   # a comment with { and }
                    field m type tensor<float>(x{}) {
                        indexing: "{ not a block #" | attribute
                    }
                    constants {
                        c tensor<float>(x{}):{{x:a}:1.0}
                    }
                }
                """;
        Block schema = only(SchemaOutline.parse(sd, "s.sd").children());
        Block m = only(schema.children("field m type tensor<float>(x{})"));
        assertEquals("\"{ not a block #\" | attribute", only(m.settings("indexing")).value());
        assertEquals(List.of(), m.children());
        assertEquals("{{x:a}:1.0}", only(only(schema.children("constants")).settings("c tensor<float>(x{})")).value());
    }

    @Test
    void aBraceOnTheNextLineAndOneLineBlocks() throws Exception {
        String sd = """
                schema s
                {
                    field a type tensor<float>(x[4])
                    {
                        index { hnsw { max-links-per-node: 16 } }
                    }
                }
                """;
        Block a = only(only(SchemaOutline.parse(sd, "s.sd").children()).children("field a type tensor<float>(x[4])"));
        Setting links = only(only(only(a.children("index")).children("hnsw")).settings("max-links-per-node"));
        assertEquals("16", links.value());
        assertEquals(sd.indexOf("16 }"), links.valueStart());
    }

    @Test
    void unbalancedBracesAndStringsAreNamedWithTheirLine() {
        IOException unclosed = assertThrows(IOException.class,
                () -> SchemaOutline.parse("schema s {\n    field a type string {\n        indexing: summary\n}\n", "s.sd"));
        assertEquals("s.sd:1: 'schema s {' is never closed", unclosed.getMessage());
        IOException extra = assertThrows(IOException.class, () -> SchemaOutline.parse("schema s {\n}\n}\n", "s.sd"));
        assertEquals("s.sd:3: '}' without a matching '{'", extra.getMessage());
        IOException string = assertThrows(IOException.class,
                () -> SchemaOutline.parse("schema s {\n    field a type string {\n        indexing: \"oops | summary\n    }\n}\n", "s.sd"));
        assertEquals("s.sd:3: string is never closed", string.getMessage());
        IOException headless = assertThrows(IOException.class, () -> SchemaOutline.parse("schema s {\n    a: b\n    {\n    }\n}\n", "s.sd"));
        assertEquals("s.sd:3: '{' without a header", headless.getMessage());
    }
}
