package dev.embedlab.lab;

import dev.embedlab.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HuggingFaceSettingsTest {

    @TempDir
    Path dir;

    @Test
    void readsTheApplicationPackagesE5SettingsWithTheTrailingSpaceOfThePrefixes() throws IOException {
        HuggingFaceSettings s = HuggingFaceSettings.read(TestData.root().resolve("app/src/main/application/services.xml"), "e5");
        assertEquals("query: ", s.prependQuery());
        assertEquals("passage: ", s.prependDocument());
        assertEquals("mean", s.pooling());
        assertTrue(s.normalize());
        assertEquals(512, s.maxTokens());
    }

    @Test
    void defaultsFollowTheEmbedderDefinitionWhenElementsAreAbsent() throws IOException {
        Path xml = Files.writeString(dir.resolve("services.xml"),
                "<services><container><component id='m' type='hugging-face-embedder'><transformer-model path='x'/>"
                        + "</component></container></services>");
        HuggingFaceSettings s = HuggingFaceSettings.read(xml, "m");
        assertEquals("", s.prependQuery());
        assertEquals("mean", s.pooling());
        assertEquals(false, s.normalize());
        assertEquals(512, s.maxTokens());
    }

    @Test
    void badServicesXmlNamesTheFileAndTheProblem() throws IOException {
        assertThrows(NoSuchFileException.class, () -> HuggingFaceSettings.read(dir.resolve("none.xml"), "e5"));
        Path wrongType = Files.writeString(dir.resolve("a.xml"), "<services><component id='e5' type='bert-embedder'/></services>");
        IOException e = assertThrows(IOException.class, () -> HuggingFaceSettings.read(wrongType, "e5"));
        assertTrue(e.getMessage().contains("bert-embedder"), e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> HuggingFaceSettings.read(wrongType, "other"));
        assertTrue(missing.getMessage().contains("other"), missing.getMessage());
        Path badMax = Files.writeString(dir.resolve("b.xml"),
                "<services><component id='e5' type='hugging-face-embedder'><max-tokens>many</max-tokens></component></services>");
        IOException max = assertThrows(IOException.class, () -> HuggingFaceSettings.read(badMax, "e5"));
        assertTrue(max.getMessage().contains("max-tokens 'many'"), max.getMessage());
        Path broken = Files.writeString(dir.resolve("c.xml"), "<services><component");
        IOException xml = assertThrows(IOException.class, () -> HuggingFaceSettings.read(broken, "e5"));
        assertTrue(xml.getMessage().startsWith(broken.toString()), xml.getMessage());
    }
}
