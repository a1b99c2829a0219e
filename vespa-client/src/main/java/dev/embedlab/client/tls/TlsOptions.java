package dev.embedlab.client.tls;

import picocli.CommandLine.Option;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The TLS options of every command that talks to Vespa (a picocli mixin): a client certificate and key for mutual
 * TLS (Vespa Cloud's data-plane pair), and CA certificates to trust instead of the JDK's.
 */
public final class TlsOptions {

    @Option(names = "--certificate", description = "Client certificate (PEM) for mTLS, e.g. Vespa Cloud data-plane.pem.")
    Path certificate;

    @Option(names = "--private-key", description = "Private key (PEM) of the client certificate.")
    Path privateKey;

    @Option(names = "--ca-certificates", description = "CA certificates (PEM) to trust instead of the JDK's.")
    Path caCertificates;

    /** What is wrong with the options as given, or null when nothing is. */
    public String problem() {
        return (certificate == null) != (privateKey == null) ? "--certificate and --private-key go together" : null;
    }

    public Path certificate() {
        return certificate;
    }

    public Path privateKey() {
        return privateKey;
    }

    public Path caCertificates() {
        return caCertificates;
    }

    /** The context for Java's HTTP client, or null when no option is set (the JDK's defaults apply). */
    public SSLContext sslContext() throws IOException {
        return certificate != null || caCertificates != null
                ? PemSslContext.create(certificate, privateKey, caCertificates) : null;
    }
}
