package dev.embedlab.vespa;

import dev.embedlab.vespa.testing.ApplicationPackages;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The validation in {@link ApplicationPackageTest} is real: the same validation rejects typical mistakes in a
 * copy of the shipped package, each with a message that points at it.
 */
class BrokenApplicationPackageTest {

    @TempDir
    Path copy;

    @ParameterizedTest(name = "{0}: ''{1}'' -> ''{2}''")
    @CsvSource(delimiter = ';', value = {
            "schemas/passage.sd ; distance-metric: prenormalized-angular ; distance-metric: cosine            ; COSINE",
            "schemas/passage.sd ; max-links-per-node: 32                 ; max-links: 32                      ; max-links",
            "schemas/passage.sd ; rank-profile hybrid inherits e5        ; rank-profile hybrid inherits e6    ; e6",
            "schemas/passage.sd ; input text | embed e5 | attribute      ; input text | attribute             ; e5_embedding",
            "schemas/passage.sd ; query(q_e5) tensor<float>(x[384])      ; query(q_e5) tensor<float>(x[3 84])  ; q_e5",
            "services.xml       ; <persearch>4</persearch>               ; <persearch>four</persearch>        ; persearch",
            "services.xml       ; document type=\"passage\"              ; document type=\"passages\"         ; passages",
            "services.xml       ; <redundancy>1</redundancy>             ; <redundancy>1</redundancy><redundancy>1</redundancy> ; redundancy",
    })
    void aBrokenChangeIsRejected(String file, String original, String broken, String expectedInMessage) throws Exception {
        ApplicationPackages.copyTree(ApplicationPackages.productionPackage(), copy);
        Path target = copy.resolve(file);
        String content = Files.readString(target);
        assertTrue(content.contains(original), file + " no longer contains '" + original + "': update this test");
        String changed = content.replace(original, broken);
        assertNotEquals(content, changed);
        Files.writeString(target, changed);

        Exception e = assertThrows(Exception.class, () -> ApplicationPackages.validate(copy));
        String messages = allMessages(e);
        assertTrue(messages.contains(expectedInMessage), "'" + expectedInMessage + "' not in: " + messages);
    }

    private static String allMessages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (; t != null; t = t.getCause()) all.append(t.getMessage()).append(" | ");
        return all.toString();
    }
}
