package dev.embedlab.vespa;

import dev.embedlab.vespa.testing.ApplicationPackages;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Maven needs a literal parent version in app/pom.xml, so Vespa's version is written twice: here we make sure
 * the two never drift apart.
 */
class VespaVersionPinTest {

    @Test
    void appParentVersionEqualsTheRootPin() throws Exception {
        String root = Files.readString(ApplicationPackages.projectRoot().resolve("pom.xml"));
        String app = Files.readString(ApplicationPackages.projectRoot().resolve("app/pom.xml"));
        String pinned = find("<vespa.version>([^<]+)</vespa.version>", root);
        String parent = find("<artifactId>cloud-tenant-base</artifactId>\\s*<version>([^<]+)</version>", app);
        assertEquals(pinned, parent, "app/pom.xml parent version vs. vespa.version in the root pom");
    }

    private static String find(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex);
        return m.group(1).trim();
    }
}
