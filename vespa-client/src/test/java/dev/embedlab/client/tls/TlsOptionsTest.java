package dev.embedlab.client.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TlsOptionsTest {

    @TempDir
    Path dir;

    @Command(name = "client")
    static final class Client {
        @Mixin
        TlsOptions tls = new TlsOptions();
    }

    private static TlsOptions parse(String... args) {
        Client client = new Client();
        new CommandLine(client).parseArgs(args);
        return client.tls;
    }

    @Test
    void noOptionsMeanTheJdksDefaults() throws IOException {
        TlsOptions tls = parse();
        assertNull(tls.problem());
        assertNull(tls.sslContext());
    }

    @Test
    void aCertificateWithoutItsKeyOrTheOtherWayRoundIsAProblem() {
        assertEquals("--certificate and --private-key go together", parse("--certificate", "c.pem").problem());
        assertEquals("--certificate and --private-key go together", parse("--private-key", "k.pem").problem());
        assertNull(parse("--certificate", "c.pem", "--private-key", "k.pem").problem());
    }

    @Test
    void theFilesAreReadWhenTheContextIsBuilt() {
        Path missing = dir.resolve("ca.pem");
        IOException e = assertThrows(IOException.class, () -> parse("--ca-certificates", missing.toString()).sslContext());
        assertEquals("certificate file " + missing + " does not exist", e.getMessage());
    }
}
