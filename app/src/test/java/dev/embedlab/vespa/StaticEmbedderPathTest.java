package dev.embedlab.vespa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.yahoo.application.Application;
import com.yahoo.application.container.handler.Response;
import com.yahoo.document.Document;
import com.yahoo.document.DocumentType;
import com.yahoo.document.DocumentTypeManager;
import com.yahoo.document.config.DocumentmanagerConfig;
import com.yahoo.document.datatypes.StringFieldValue;
import com.yahoo.document.datatypes.TensorFieldValue;
import com.yahoo.language.process.Embedder;
import com.yahoo.language.simple.SimpleLinguistics;
import com.yahoo.tensor.Tensor;
import com.yahoo.tensor.TensorAddress;
import com.yahoo.vespa.configdefinition.IlscriptsConfig;
import com.yahoo.vespa.indexinglanguage.expressions.Expression;
import com.yahoo.vespa.indexinglanguage.expressions.StatementExpression;
import com.yahoo.vespa.indexinglanguage.expressions.ScriptExpression;
import com.yahoo.vespa.model.VespaModel;
import dev.embedlab.staticembed.LoadOptions;
import dev.embedlab.staticembed.StaticEmbeddingModel;
import dev.embedlab.staticembed.StaticModelLoader;
import dev.embedlab.vespa.testing.ApplicationPackages;
import dev.embedlab.vespa.testing.E5Reference;
import dev.embedlab.vespa.testing.TestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The static embedder inside the real container: at query time through the SearchHandler
 * ({@code embed(static, @text)}), and at feed time through the schema's real indexing script ({@code embed static}),
 * with the static model distilled from e5-small-v2.
 */
class StaticEmbedderPathTest {

    private static final ObjectMapper json = new ObjectMapper();
    private static final Pattern OUTPUT_FIELD = Pattern.compile("\\b(attribute|index|summary) (\\w+)");
    private static Application app;
    private static StaticEmbeddingModel reference;

    @BeforeAll
    static void start() throws Exception {
        app = TestApplication.start();
        Path model = ApplicationPackages.distilledStaticModel();
        reference = StaticModelLoader.loadFiles(model.resolve("model.safetensors"), model.resolve("tokenizer.json"),
                                                LoadOptions.defaults().withNormalize(true));
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    @Test
    void queryTimeEmbeddingIsTheStaticModelTruncatedTo256AndNormalized() throws Exception {
        String text = "Ta ni Olusegun Obasanjo?";
        String uri = "/search/?searchChain=echo&ranking=static" +
                     "&yql=" + encode("select * from passage where {targetHits:10}nearestNeighbor(static_embedding, q_static)") +
                     "&" + encode("input.query(q_static)") + "=" + encode("embed(static, @text)") +
                     "&text=" + encode(text);
        Response response = TestApplication.search(app, uri);
        String body = response.getBodyAsString();
        assertEquals(200, response.getStatus(), body);
        String echoed = json.readTree(body).path("root").path("children").get(0).path("fields").path("query(q_static)").asText();
        assertTrue(echoed.startsWith("tensor<float>(x[256]):"), echoed);

        String[] cells = echoed.substring(echoed.indexOf(':') + 1).split(",");
        float[] expected = embed(text);
        assertEquals(256, cells.length);
        for (int i = 0; i < 256; i++) assertEquals(expected[i], Float.parseFloat(cells[i]), 1e-6, "cell " + i);
    }

    /**
     * The standalone container has no indexing document processor (it ships only in Vespa's own image), so the
     * test runs what it would run: the schema's indexing script, compiled by the real config model, executed by
     * Vespa's indexing language with the embedder components of the running container.
     */
    @Test
    void feedTimeIndexingEmbedsTitleAndTextWithTheStaticModel() throws Exception {
        VespaModel model = ApplicationPackages.validate(TestApplication.createPackage());
        DocumentTypeManager types = new DocumentTypeManager(model.getConfig(DocumentmanagerConfig.class, ""));
        Document document = new Document(types.getDocumentType("passage"), "id:miracl:passage::598-0");
        document.setFieldValue("title", new StringFieldValue("Olusegun Obasanjo"));
        document.setFieldValue("text", new StringFieldValue("Olusegun Obasanjo je Aare orile-ede Naijiria."));

        ScriptExpression script = indexingScript(model, document.getDataType());
        Document indexed = Expression.execute(script, document);

        Tensor staticEmbedding = ((TensorFieldValue) indexed.getFieldValue("static_embedding")).getTensor().orElseThrow();
        float[] expected = embed("Olusegun Obasanjo Olusegun Obasanjo je Aare orile-ede Naijiria.");
        assertEquals(256, staticEmbedding.size());
        for (int i = 0; i < 256; i++)
            assertEquals(expected[i], staticEmbedding.get(TensorAddress.of(i)), 1e-6, "cell " + i);
        float[] e5 = E5Reference.values(((TensorFieldValue) indexed.getFieldValue("e5_embedding")).getTensor().orElseThrow());
        float[] e5Expected = E5Reference.embedWithoutPrefixes("passage: Olusegun Obasanjo Olusegun Obasanjo je Aare orile-ede Naijiria.");
        for (int i = 0; i < 384; i++) assertEquals(e5Expected[i], e5[i], 1e-6, "e5 at feed time has the passage prefix, cell " + i);
    }

    private static ScriptExpression indexingScript(VespaModel model, DocumentType type) throws Exception {
        String documentType = type.getName();
        String configId = model.getConfigIds().stream().filter(id -> id.endsWith("search/cluster.content")).findFirst()
                .orElseThrow(() -> new AssertionError("no content search cluster config id in " + model.getConfigIds()));
        IlscriptsConfig scripts = model.getConfig(IlscriptsConfig.class, configId);
        IlscriptsConfig.Ilscript script = scripts.ilscript().stream().filter(s -> s.doctype().equals(documentType))
                .findFirst().orElseThrow(() -> new AssertionError("no indexing script for " + documentType));
        Map<String, Embedder> embedders = new HashMap<>();
        for (var component : app.getJDisc("default").components().allComponents())
            if (component instanceof Embedder embedder) embedders.put(component.getId().getName(), embedder);
        assertTrue(embedders.keySet().containsAll(List.of("e5", "static")), "container embedders: " + embedders.keySet());
        List<StatementExpression> statements = new ArrayList<>();
        for (String content : script.content()) { // as the indexer does: each statement is bound to its output field
            var statement = (StatementExpression) Expression.fromString(content, new SimpleLinguistics(), Map.of(), embedders, Map.of());
            Matcher output = OUTPUT_FIELD.matcher(content);
            String field = null;
            while (output.find()) field = output.group(2);
            if (field != null) statement.setStatementOutput(type, type.getField(field));
            statements.add(statement);
        }
        ScriptExpression parsed = new ScriptExpression(statements);
        parsed.resolve(type);
        return parsed;
    }

    private static float[] embed(String text) {
        float[] out = new float[256];
        reference.embed(text, out, 256);
        return out;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
