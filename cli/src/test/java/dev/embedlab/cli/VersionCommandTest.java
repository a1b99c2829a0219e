package dev.embedlab.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionCommandTest {

    @Test
    void printsTheVespaVersionThePomPins() {
        StringWriter out = new StringWriter();
        int exit = Embedlab.commandLine().setOut(new PrintWriter(out)).execute("version");
        assertEquals(0, exit);
        assertTrue(out.toString().contains("vespa 8.700.24"), out.toString());
        assertTrue(out.toString().startsWith("embedlab 0.1.0"), out.toString());
    }
}
