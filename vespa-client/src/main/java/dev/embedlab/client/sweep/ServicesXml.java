package dev.embedlab.client.sweep;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Edits a services.xml through the XML DOM. Elements, text, white space and comments come back as they were;
 * the DOM does not keep the order of an element's attributes, so they are written in name order (the same
 * document to Vespa). The XML declaration and the line breaks between top-level nodes are kept as written.
 */
public final class ServicesXml {

    private static final List<String> PERSEARCH_PATH = List.of("engine", "proton", "tuning", "searchnode", "requestthreads",
            "persearch");

    private ServicesXml() {
    }

    /** Sets {@code content/engine/proton/tuning/searchnode/requestthreads/persearch} of every content cluster. */
    public static String setPersearch(String xml, int threads, String where) throws IOException {
        Document document = parse(xml, where);
        Element services = document.getDocumentElement();
        if (!services.getTagName().equals("services")) {
            throw new IOException(where + ": the root element is <" + services.getTagName() + ">, not <services>");
        }
        List<Element> persearch = new ArrayList<>();
        for (Element content : children(services, "content")) persearch.addAll(descendants(content, PERSEARCH_PATH));
        if (persearch.isEmpty()) {
            throw new IOException(where + ": no <persearch> element; add <requestthreads><persearch>N</persearch>"
                    + "</requestthreads> under content/engine/proton/tuning/searchnode");
        }
        for (Element element : persearch) element.setTextContent(Integer.toString(threads));
        return write(document, xml);
    }

    static Document parse(String xml, String where) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // An application package is local, but nothing in services.xml needs a DTD or an external entity.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());  // fatal errors are thrown, not also printed
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            throw new IOException(where + ":" + e.getLineNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException(where + ": " + e.getMessage(), e);
        }
    }

    /** The document as text: the original declaration, then each top-level node (comments, root) on its line. */
    private static String write(Document document, String original) throws IOException {
        StringBuilder out = new StringBuilder();
        String trimmed = original.stripLeading();
        if (trimmed.startsWith("<?xml")) out.append(trimmed, 0, trimmed.indexOf("?>") + 2).append('\n');
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            for (Node node = document.getFirstChild(); node != null; node = node.getNextSibling()) {
                StringWriter text = new StringWriter();
                transformer.transform(new DOMSource(node), new StreamResult(text));
                out.append(text).append('\n');
            }
        } catch (TransformerException e) {
            throw new IOException("cannot write services.xml: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static List<Element> descendants(Element from, List<String> path) {
        List<Element> level = List.of(from);
        for (String name : path) {
            List<Element> next = new ArrayList<>();
            for (Element e : level) next.addAll(children(e, name));
            level = next;
        }
        return level;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) children.add(e);
        }
        return children;
    }
}
