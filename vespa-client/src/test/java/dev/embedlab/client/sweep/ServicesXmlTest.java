package dev.embedlab.client.sweep;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.io.IOException;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServicesXmlTest {

    /** The edit changes the persearch value and nothing else the DOM holds: elements, text, white space, comments. */
    @Test
    void theProjectsServicesXmlChangesInPersearchAlone() throws Exception {
        String before = Files.readString(ApplicationPackageEditorTest.realApplication().resolve("services.xml"));
        String after = ServicesXml.setPersearch(before, 8, "services.xml");

        Document expected = ServicesXml.parse(before, "before");
        expected.getElementsByTagName("persearch").item(0).setTextContent("8");
        assertTrue(expected.isEqualNode(ServicesXml.parse(after, "after")), after);
        assertEquals(before.lines().count(), after.lines().count(), "layout kept");
        assertEquals(before.lines().findFirst(), after.lines().findFirst(), "XML declaration kept as written");
        assertTrue(after.contains("<!-- One local node: a single copy. -->"), after);
        assertTrue(after.contains("<persearch>8</persearch>"), after);
    }

    @Test
    void everyContentClusterIsSet() throws Exception {
        String xml = """
                <services version="1.0">
                  <content id="a" version="1.0"><engine><proton><tuning><searchnode><requestthreads>
                    <persearch>1</persearch></requestthreads></searchnode></tuning></proton></engine></content>
                  <content id="b" version="1.0"><engine><proton><tuning><searchnode><requestthreads>
                    <persearch> 2 </persearch></requestthreads></searchnode></tuning></proton></engine></content>
                  <container id="c" version="1.0"><persearch>3</persearch></container>
                </services>
                """;
        String after = ServicesXml.setPersearch(xml, 6, "services.xml");
        assertEquals(xml.replace("<persearch>1</persearch>", "<persearch>6</persearch>")
                .replace("<persearch> 2 </persearch>", "<persearch>6</persearch>"), after);
    }

    @Test
    void aMissingPersearchBrokenXmlOrAnotherRootIsNamed() {
        IOException none = assertThrows(IOException.class,
                () -> ServicesXml.setPersearch("<services><content id=\"a\"/></services>", 4, "app/services.xml"));
        assertEquals("app/services.xml: no <persearch> element; add <requestthreads><persearch>N</persearch>"
                + "</requestthreads> under content/engine/proton/tuning/searchnode", none.getMessage());
        IOException broken = assertThrows(IOException.class,
                () -> ServicesXml.setPersearch("<services>\n<content>\n</services>\n", 4, "app/services.xml"));
        assertTrue(broken.getMessage().startsWith("app/services.xml:3: "), broken.getMessage());
        IOException root = assertThrows(IOException.class, () -> ServicesXml.setPersearch("<hosts/>", 4, "app/services.xml"));
        assertEquals("app/services.xml: the root element is <hosts>, not <services>", root.getMessage());
    }
}
