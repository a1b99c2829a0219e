package dev.embedlab.client.sweep;

import dev.embedlab.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApplicationPackageEditorTest {

    @TempDir
    Path dir;

    /** The project's real application package (app/src/main/application). */
    static Path realApplication() {
        Path app = TestData.root().resolve("app/src/main/application");
        TestData.requireFile(app.resolve("schemas/passage.sd"), "the application package", "run from a full checkout");
        return app;
    }

    @Test
    void editsOnlyTheCopyAndOnlyTheNamedField() throws Exception {
        Path source = realApplication();
        String before = Files.readString(source.resolve("schemas/passage.sd"));
        int[] staticBefore = ApplicationPackageEditor.readHnsw(source, "passage", "static_embedding");
        Path copy = dir.resolve("app-16-100");
        ApplicationPackageEditor.copy(source, copy);
        ApplicationPackageEditor.setHnsw(copy, "passage", "e5_embedding", 16, 100);

        assertArrayEquals(new int[] {16, 100}, ApplicationPackageEditor.readHnsw(copy, "passage", "e5_embedding"));
        assertArrayEquals(staticBefore, ApplicationPackageEditor.readHnsw(copy, "passage", "static_embedding"));
        assertEquals(before, Files.readString(source.resolve("schemas/passage.sd")), "the source package is untouched");
        String edited = Files.readString(copy.resolve("schemas/passage.sd"));
        assertEquals(before.lines().count(), edited.lines().count(), "comments and layout kept");
        assertTrue(Files.isRegularFile(copy.resolve("services.xml")));
    }

    @Test
    void persearchIsSetInServicesXml() throws Exception {
        Path copy = dir.resolve("threads");
        ApplicationPackageEditor.copy(realApplication(), copy);
        ApplicationPackageEditor.setPersearch(copy, 8);
        String services = Files.readString(copy.resolve("services.xml"));
        assertTrue(services.contains("<persearch>8</persearch>"), services);
    }

    @Test
    void missingSettingsAreAddedAndMissingBlocksNamed() throws Exception {
        String sd = """
                schema s {
                    document s {}
                    field a type tensor<float>(x[4]) {
                        indexing: attribute | index
                        index {
                            hnsw {
                                # nothing set: defaults
                            }
                        }
                    }
                    field b type tensor<float>(x[4]) {
                        indexing: attribute
                    }
                }
                """;
        String rewritten = ApplicationPackageEditor.rewriteHnsw(sd, "a", 32, 500, "s.sd");
        assertTrue(rewritten.contains("max-links-per-node: 32") && rewritten.contains("neighbors-to-explore-at-insert: 500"), rewritten);
        IOException noBlock = assertThrows(IOException.class, () -> ApplicationPackageEditor.rewriteHnsw(sd, "b", 16, 100, "s.sd"));
        assertEquals("s.sd: field 'b' has no 'index { hnsw { ... } }' block to tune; add one", noBlock.getMessage());
        IOException noField = assertThrows(IOException.class, () -> ApplicationPackageEditor.rewriteHnsw(sd, "c", 16, 100, "s.sd"));
        assertEquals("s.sd: no field 'c'", noField.getMessage());
    }

    /** Through the files, as the sweep calls it: the error names the schema file and the field. */
    @Test
    void aMissingFieldOrHnswBlockInTheCopyNamesTheFile() throws Exception {
        Path copy = dir.resolve("copy");
        ApplicationPackageEditor.copy(realApplication(), copy);
        Path sd = copy.resolve("schemas/passage.sd");
        IOException noField = assertThrows(IOException.class,
                () -> ApplicationPackageEditor.setHnsw(copy, "passage", "e5_embeding", 16, 100));
        assertEquals(sd + ": no field 'e5_embeding'", noField.getMessage());
        IOException noBlock = assertThrows(IOException.class, () -> ApplicationPackageEditor.readHnsw(copy, "passage", "title"));
        assertEquals(sd + ": field 'title' has no 'index { hnsw { ... } }' block to tune; add one", noBlock.getMessage());
        IOException noSchema = assertThrows(IOException.class,
                () -> ApplicationPackageEditor.setHnsw(copy, "passages", "e5_embedding", 16, 100));
        assertTrue(noSchema.getMessage().contains("passages.sd"), noSchema.getMessage());
    }

    @Test
    void refusesToCopyIntoTheSource() throws Exception {
        Path source = dir.resolve("src");
        Files.createDirectories(source);
        Files.writeString(source.resolve("services.xml"), "<services/>");
        assertThrows(IOException.class, () -> ApplicationPackageEditor.copy(source, source.resolve("copy")));
    }
}
