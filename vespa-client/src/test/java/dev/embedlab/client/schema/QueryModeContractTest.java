package dev.embedlab.client.schema;

import dev.embedlab.client.sweep.SchemaOutline;
import dev.embedlab.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * QueryMode's names against the application package they must match: the embedder a mode names in
 * {@code embed(<id>, ...)} is a component, it is the embedder the cache searcher maps to the same tensor (so the
 * vespa and cached forms embed alike), and the rank profile declares that tensor.
 */
class QueryModeContractTest {

    private static Path application() {
        Path app = TestData.root().resolve("app/src/main/application");
        TestData.requireFile(app.resolve("services.xml"), "the application package", "run from a full checkout");
        return app;
    }

    @Test
    void embedderIdsAndTensorsMatchServicesXmlAndTheSchema() throws Exception {
        Document services = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(application().resolve("services.xml").toFile());
        Set<String> components = new HashSet<>();
        NodeList nodes = services.getElementsByTagName("component");
        for (int i = 0; i < nodes.getLength(); i++) components.add(((Element) nodes.item(i)).getAttribute("id"));
        Map<String, String> cacheMapping = new HashMap<>();
        Map<String, Boolean> cached = new HashMap<>();
        NodeList items = services.getElementsByTagName("item");
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            cacheMapping.put(text(item, "embedder"), text(item, "feature"));
            cached.put(text(item, "embedder"), Boolean.parseBoolean(text(item, "cache")));
        }
        String sd = Files.readString(application().resolve("schemas/passage.sd"));
        SchemaOutline.Block schema = SchemaOutline.parse(sd, "passage.sd").children().get(0);

        for (QueryMode mode : QueryMode.values()) {
            if (!mode.usesNearestNeighbor()) {
                assertEquals(null, mode.embedderId(), mode.toString());
                assertFalse(mode.cached(), mode + " embeds nothing, so nothing is cached");
                continue;
            }
            assertTrue(components.contains(mode.embedderId()), mode + ": no component '" + mode.embedderId() + "'");
            assertEquals("query(" + mode.queryTensor() + ")", cacheMapping.get(mode.embedderId()),
                    mode + ": the cache searcher maps embedder " + mode.embedderId() + " elsewhere");
            assertEquals(cached.get(mode.embedderId()), mode.cached(), mode + ": QueryMode.cached() against <cache> of "
                    + "embedder " + mode.embedderId() + " in the cache searcher's mapping (services.xml)");
            String profile = mode.rankProfile();
            assertTrue(declaresInput(sd, schema, profile, "query(" + mode.queryTensor() + ")"),
                    mode + ": rank profile " + profile + " does not declare query(" + mode.queryTensor() + ")");
            assertTrue(sd.contains("field " + mode.embeddingField() + " type tensor"), mode + ": no field " + mode.embeddingField());
        }
        assertIdFieldIsAFastExactAttribute(schema);
    }

    /** The profile declares the input itself or inherits it (hybrid inherits e5). */
    private static boolean declaresInput(String sd, SchemaOutline.Block schema, String profile, String input) {
        for (SchemaOutline.Block block : schema.children()) {
            if (!block.keyword().equals("rank-profile") || !block.name().equals(profile)) continue;
            for (SchemaOutline.Block inputs : block.children("inputs")) {
                if (sd.substring(inputs.open(), inputs.close()).lines().anyMatch(l -> l.strip().startsWith(input + " "))) {
                    return true;
                }
            }
            String[] words = block.header().split(" ");
            for (int i = 0; i + 1 < words.length; i++) {
                if (words[i].equals("inherits")) return declaresInput(sd, schema, words[i + 1], input);
            }
            return false;
        }
        return fail("no rank profile " + profile);
    }

    /**
     * The embedding-cost probe's {@code doc_id contains "<id>"} must select one document cheaply and exactly: an
     * attribute with fast-search (a dictionary, not a scan) and exact matching (no tokenizing of "598#0").
     */
    private static void assertIdFieldIsAFastExactAttribute(SchemaOutline.Block schema) {
        SchemaOutline.Block field = null;
        for (SchemaOutline.Block document : schema.children()) {
            if (!document.keyword().equals("document")) continue;
            for (SchemaOutline.Block f : document.children()) {
                if (f.header().equals("field " + QueryMode.ID_FIELD + " type string")) field = f;
            }
        }
        if (field == null) fail("no field " + QueryMode.ID_FIELD + " type string in the passage document");
        String where = "passage.sd field " + QueryMode.ID_FIELD;
        assertTrue(field.settings("indexing").stream().anyMatch(s -> s.value().contains("attribute")), where + ": not an attribute");
        assertTrue(field.settings("attribute").stream().anyMatch(s -> s.value().strip().equals("fast-search")),
                where + ": no attribute: fast-search");
        assertTrue(field.settings("match").stream().anyMatch(s -> s.value().strip().equals("exact")), where + ": no match: exact");
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent().strip();
    }
}
