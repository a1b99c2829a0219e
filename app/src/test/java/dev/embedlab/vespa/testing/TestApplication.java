package dev.embedlab.vespa.testing;

import dev.embedlab.testsupport.TestData;
import com.yahoo.application.Application;
import com.yahoo.application.Networking;
import com.yahoo.application.container.handler.Request;
import com.yahoo.application.container.handler.Response;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;


/**
 * The shipped application package, made runnable in the in-JVM container: the same schemas, query profiles,
 * components and embedder settings, with only the e5 model location swapped to e5-small-v2 int8 from Maven
 * Central (the multilingual model is fetched by URL at deploy time, which the standalone container cannot do),
 * plus a test-only search chain {@code echo} that returns the query's ranking features instead of calling a
 * content node (the standalone container has none), and an explicit document-processing element so tests can run
 * the schema's indexing chain.
 */
public final class TestApplication {

    public static final String TRANSFORMER_FILE = "models/e5_small_v2_q.onnx";
    public static final String TOKENIZER_FILE = "models/e5_small_v2_tokenizer.json";
    public static final String STATIC_TABLE_FILE = "models/static_model.safetensors";
    public static final String STATIC_TOKENIZER_FILE = "models/static_tokenizer.json";
    /** Where services.xml expects the aligned query encoder (e5_fast): the one the build trains is linked there. */
    public static final String ALIGNED_TABLE_FILE = "models/e5-fast/model.safetensors";
    public static final String ALIGNED_TOKENIZER_FILE = "models/e5-fast/tokenizer.json";

    /** services.xml elements of hugging-face-embedder and the config fields they set. */
    private static final Map<String, String> EMBEDDER_SETTINGS = Map.of(
            "pooling-strategy", "poolingStrategy",
            "normalize", "normalize",
            "max-tokens", "transformerMaxTokens",
            "transformer-output", "transformerOutput",
            "transformer-input-ids", "transformerInputIds",
            "transformer-attention-mask", "transformerAttentionMask",
            "transformer-token-type-ids", "transformerTokenTypeIds");

    private TestApplication() { }

    /** Skips the calling test when the e5-small-v2 files or the static model distilled from it are missing. */
    public static void assumeModelsPresent() {
        TestData.e5SmallV2();
        TestData.distilledStaticModel();
        TestData.alignedStaticModel();
    }

    /** Writes the test package to {@code target/test-application} and returns its directory. */
    public static Path createPackage(Customization... customizations) {
        assumeModelsPresent();
        Path dir = ApplicationPackages.projectRoot().resolve("app/target/test-application");
        try {
            deleteTree(dir);
            ApplicationPackages.copyTree(ApplicationPackages.productionPackage(), dir);
            Files.createDirectories(dir.resolve("models"));
            link(ApplicationPackages.e5SmallV2Dir().resolve("e5-small-v2-q.onnx"), dir.resolve(TRANSFORMER_FILE));
            link(ApplicationPackages.e5SmallV2Dir().resolve("e5-small-v2-q-tokenizer.json"), dir.resolve(TOKENIZER_FILE));
            link(ApplicationPackages.distilledStaticModel().resolve("model.safetensors"), dir.resolve(STATIC_TABLE_FILE));
            link(ApplicationPackages.distilledStaticModel().resolve("tokenizer.json"), dir.resolve(STATIC_TOKENIZER_FILE));
            Files.createDirectories(dir.resolve(ALIGNED_TABLE_FILE).getParent());
            link(TestData.alignedStaticModel().resolve("model.safetensors"), dir.resolve(ALIGNED_TABLE_FILE));
            link(TestData.alignedStaticModel().resolve("tokenizer.json"), dir.resolve(ALIGNED_TOKENIZER_FILE));
            Path services = dir.resolve("services.xml");
            Files.writeString(services, testServices(Files.readString(services), dir, customizations), StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the container on a freshly written test package. */
    public static Application start(Customization... customizations) {
        return start(Networking.disable, customizations);
    }

    /**
     * Starts the container serving HTTP on {@code port} of this host, for tests whose client goes over the
     * network (e.g. `embedlab evaluate`). The {@code <http>} server is added to the test copy only, with access
     * logging disabled: with networking on, the container would otherwise write access and connection logs to
     * {@code logs/vespa/access} under the working directory (the module's source tree).
     */
    public static Application startServing(int port, Customization... customizations) {
        Customization[] all = java.util.Arrays.copyOf(customizations, customizations.length + 1);
        all[customizations.length] = (document, container, dir) -> {
            if ( ! children(container, "http").isEmpty())
                throw new IllegalStateException("services.xml already has <http>: the test server would conflict");
            Element http = document.createElement("http");
            Element server = document.createElement("server");
            server.setAttribute("id", "test-server");
            server.setAttribute("port", Integer.toString(port));
            http.appendChild(server);
            container.insertBefore(http, firstChild(container, "search"));
            for (Element accessLog : children(container, "accesslog")) container.removeChild(accessLog);
            Element noAccessLog = document.createElement("accesslog");
            noAccessLog.setAttribute("type", "disabled");
            container.insertBefore(noAccessLog, http);
        };
        return start(Networking.enable, all);
    }

    private static Application start(Networking networking, Customization... customizations) {
        Path dir = createPackage(customizations);
        System.setProperty(AppPackageHuggingFaceEmbedder.APPLICATION_DIR_PROPERTY, dir.toString());
        return Application.fromApplicationPackage(dir, networking);
    }

    /** A test's own change to the package (services.xml as DOM, other files in dir) before the container starts. */
    @FunctionalInterface
    public interface Customization {
        void apply(Document services, Element container, Path dir) throws Exception;
    }

    /** Sends a request through the real SearchHandler. */
    public static Response search(Application app, String pathAndQuery) {
        return app.getJDisc("default").handleRequest(new Request("http://localhost" + pathAndQuery));
    }

    /** Rewrites services.xml for the test container; see the class comment. */
    static String testServices(String servicesXml, Path dir, Customization... customizations) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            Document document = factory.newDocumentBuilder()
                    .parse(new java.io.ByteArrayInputStream(servicesXml.getBytes(StandardCharsets.UTF_8)));
            Element container = firstChild(document.getDocumentElement(), "container");
            replaceE5Embedder(document, container);
            relocateStaticModel(container);
            exposeDocumentProcessing(document, container);
            addEchoChain(document, container);
            for (Customization customization : customizations) customization.apply(document, container, dir);
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            var out = new java.io.StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException("Could not rewrite services.xml for the test container", e);
        }
    }

    private static void replaceE5Embedder(Document document, Element container) {
        Element production = null;
        for (Element component : children(container, "component"))
            if ("e5".equals(component.getAttribute("id"))) production = component;
        if (production == null || ! "hugging-face-embedder".equals(production.getAttribute("type")))
            throw new IllegalStateException("services.xml has no hugging-face-embedder with id 'e5'");

        Element replacement = document.createElement("component");
        replacement.setAttribute("id", "e5");
        replacement.setAttribute("class", AppPackageHuggingFaceEmbedder.class.getName());
        replacement.setAttribute("bundle", "embedlab-app");
        Element config = document.createElement("config");
        config.setAttribute("name", "embedding.huggingface.hugging-face-embedder");
        replacement.appendChild(config);
        addConfigValue(document, config, "transformerModel", null).setAttribute("path", TRANSFORMER_FILE);
        addConfigValue(document, config, "tokenizerPath", null).setAttribute("path", TOKENIZER_FILE);

        for (Element setting : children(production, null)) {
            String name = setting.getTagName();
            switch (name) {
                case "transformer-model", "tokenizer-model" -> { } // the one thing swapped
                case "prepend" -> {
                    for (Element prefix : children(setting, null))
                        addConfigValue(document, config, prefix.getTagName().equals("query") ? "prependQuery" : "prependDocument",
                                       prefix.getTextContent());
                }
                default -> {
                    String field = EMBEDDER_SETTINGS.get(name);
                    // Fail loudly rather than silently test with a setting dropped.
                    if (field == null) throw new IllegalStateException("No test mapping for e5 setting <" + name + ">");
                    addConfigValue(document, config, field, setting.getTextContent().trim());
                }
            }
        }
        container.replaceChild(replacement, production);
    }

    /**
     * Same components and settings, with the model files taken from the test package instead of a URL, resolved
     * against it (which the standalone container does not do for {@code path} references either).
     */
    private static void relocateStaticModel(Element container) {
        Element component = componentById(container, "static");
        component.setAttribute("class", AppPackageStaticLookupEmbedder.class.getName());
        Element config = firstChild(component, "config");
        pathOnly(firstChild(config, "model"), STATIC_TABLE_FILE);
        pathOnly(firstChild(config, "tokenizer"), STATIC_TOKENIZER_FILE);
        Element aligned = componentById(container, "e5_fast");
        aligned.setAttribute("class", AppPackageStaticLookupEmbedder.class.getName());
        Element alignedConfig = firstChild(aligned, "config");
        pathOnly(firstChild(alignedConfig, "model"), ALIGNED_TABLE_FILE);
        pathOnly(firstChild(alignedConfig, "tokenizer"), ALIGNED_TOKENIZER_FILE);
    }

    private static void pathOnly(Element modelReference, String path) {
        modelReference.removeAttribute("url");
        modelReference.removeAttribute("model-id");
        modelReference.setAttribute("path", path);
    }

    /**
     * A deployed container runs the schema's indexing chain for document-api feeds implicitly; the standalone
     * container only hands it to tests when document-processing is declared.
     */
    private static void exposeDocumentProcessing(Document document, Element container) {
        if (children(container, "document-processing").isEmpty())
            container.insertBefore(document.createElement("document-processing"), firstChild(container, "search"));
        Element documents = firstChild(firstChild(document.getDocumentElement(), "content"), "documents");
        if (children(documents, "document-processing").isEmpty()) {
            Element indexing = document.createElement("document-processing");
            indexing.setAttribute("cluster", container.getAttribute("id"));
            documents.appendChild(indexing);
        }
    }

    private static void addEchoChain(Document document, Element container) {
        Element search = firstChild(container, "search");
        boolean hasDefaultChain = children(search, "chain").stream().anyMatch(c -> "default".equals(c.getAttribute("id")));
        Element chain = document.createElement("chain");
        chain.setAttribute("id", "echo");
        chain.setAttribute("inherits", hasDefaultChain ? "default" : "vespa");
        Element searcher = document.createElement("searcher");
        searcher.setAttribute("id", QueryFeaturesEchoSearcher.class.getName());
        searcher.setAttribute("bundle", "embedlab-app");
        chain.appendChild(searcher);
        search.appendChild(chain);
    }

    private static Element addConfigValue(Document document, Element config, String field, String value) {
        Element element = document.createElement(field);
        if (value != null) element.setTextContent(value);
        config.appendChild(element);
        return element;
    }

    /** The {@code <component>} of {@code container} with this id; fails when there is none. */
    public static Element componentById(Element container, String id) {
        return children(container, "component").stream()
                .filter(c -> id.equals(c.getAttribute("id"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("services.xml has no component with id '" + id + "'"));
    }

    /** The first child element named {@code tag}; fails when there is none. */
    public static Element firstChild(Element parent, String tag) {
        return children(parent, tag).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("services.xml: <" + parent.getTagName() + "> has no <" + tag + ">"));
    }

    /** The child elements named {@code tag}, or all child elements when {@code tag} is null. */
    public static java.util.List<Element> children(Element parent, String tag) {
        var result = new java.util.ArrayList<Element>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && (tag == null || element.getTagName().equals(tag))) result.add(element);
        }
        return result;
    }

    private static void link(Path target, Path link) throws IOException {
        try {
            Files.createLink(link, target);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(target, link);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if ( ! Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }
}
