package dev.embedlab.lab;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The inference settings of a {@code hugging-face-embedder} component, read from the application package's
 * services.xml so the lab embeds exactly as the deployed application does; only the model files differ.
 * Defaults are those of Vespa 8.700.24's hugging-face-embedder.def (no prefix, mean pooling, no normalization,
 * 512 tokens). Prefix text is taken verbatim, trailing space included: Vespa inserts no space after it.
 *
 * @param prependQuery    {@code <prepend><query>}
 * @param prependDocument {@code <prepend><document>}
 * @param pooling         {@code <pooling-strategy>}: mean, cls or none
 * @param normalize       {@code <normalize>}
 * @param maxTokens       {@code <max-tokens>}
 * @param source          where the settings came from, for the report
 */
public record HuggingFaceSettings(String prependQuery, String prependDocument, String pooling, boolean normalize,
                                  int maxTokens, String source) {

    public static final String DEFAULT_COMPONENT = "e5";

    /** The same settings with another token limit (the lab's {@code --max-tokens} rows). */
    public HuggingFaceSettings withMaxTokens(int tokens) {
        if (tokens < 1) throw new IllegalArgumentException("max-tokens must be positive, got " + tokens);
        return new HuggingFaceSettings(prependQuery, prependDocument, pooling, normalize, tokens,
                tokens == maxTokens ? source : source + ", max-tokens overridden by --max-tokens");
    }

    /** One line for the report. */
    public String describe() {
        return String.format(Locale.ROOT, "prefixes query '%s' / document '%s', pooling %s, normalize %s, max-tokens %d (from %s)",
                prependQuery, prependDocument, pooling, normalize, maxTokens, source);
    }

    /** Reads the {@code <component id="componentId" type="hugging-face-embedder">} element of a services.xml. */
    public static HuggingFaceSettings read(Path servicesXml, String componentId) throws IOException {
        if (!Files.isRegularFile(servicesXml)) {
            throw new NoSuchFileException(servicesXml.toString(), null,
                    "services.xml not found (the lab reads the embedder settings from it; use --services)");
        }
        Element component = findComponent(parse(servicesXml), servicesXml, componentId);
        String where = servicesXml + " component '" + componentId + "'";
        String pooling = text(component, "pooling-strategy", "mean").strip();
        if (!pooling.equals("mean") && !pooling.equals("cls") && !pooling.equals("none")) {
            throw new IOException(where + ": pooling-strategy '" + pooling + "' is not mean, cls or none");
        }
        String normalize = text(component, "normalize", "false").strip();
        if (!normalize.equals("true") && !normalize.equals("false")) {
            throw new IOException(where + ": normalize '" + normalize + "' is not true or false");
        }
        int maxTokens;
        String max = text(component, "max-tokens", "512").strip();
        try {
            maxTokens = Integer.parseInt(max);
        } catch (NumberFormatException e) {
            throw new IOException(where + ": max-tokens '" + max + "' is not an integer");
        }
        if (maxTokens < 1) throw new IOException(where + ": max-tokens must be positive, got " + maxTokens);
        Element prepend = child(component, "prepend");
        String query = prepend == null ? "" : text(prepend, "query", "");
        String document = prepend == null ? "" : text(prepend, "document", "");
        return new HuggingFaceSettings(query, document, pooling, Boolean.parseBoolean(normalize), maxTokens, where);
    }

    private static Document parse(Path file) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setNamespaceAware(false);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (SAXException e) {
            throw new IOException(file + ": not well-formed XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Element findComponent(Document document, Path file, String id) throws IOException {
        NodeList components = document.getElementsByTagName("component");
        for (int i = 0; i < components.getLength(); i++) {
            Element component = (Element) components.item(i);
            if (!id.equals(component.getAttribute("id"))) continue;
            String type = component.getAttribute("type");
            if (!type.equals("hugging-face-embedder")) {
                throw new IOException(file + ": component '" + id + "' has type '" + type
                        + "', expected hugging-face-embedder");
            }
            return component;
        }
        throw new IOException(file + ": no <component id=\"" + id + "\" type=\"hugging-face-embedder\">");
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) return e;
        }
        return null;
    }

    /** The element's text exactly as written (Vespa's XML.getValue does not trim prefixes), or the default. */
    private static String text(Element parent, String name, String defaultValue) {
        Element e = child(parent, name);
        return e == null ? defaultValue : e.getTextContent();
    }
}
