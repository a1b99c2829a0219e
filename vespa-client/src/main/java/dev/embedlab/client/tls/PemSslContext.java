package dev.embedlab.client.tls;

import com.yahoo.security.KeyUtils;
import com.yahoo.security.SslContextBuilder;
import com.yahoo.security.X509CertificateUtils;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * An {@link SSLContext} from PEM files, as Vespa Cloud hands them out (data-plane certificate and key), optionally
 * trusting only the given CA certificates: Vespa's own security-utils read the PEM (PKCS#8, PKCS#1 RSA and SEC1
 * EC keys) and build the context. Each file is read on its own first, so a missing or wrong file is named, and a
 * CA file without certificates is refused instead of trusting nothing.
 */
public final class PemSslContext {

    private PemSslContext() {
    }

    /** {@code certificate} and {@code privateKey} go together (mTLS); null {@code caCertificates} trusts the JDK's CAs. */
    public static SSLContext create(Path certificate, Path privateKey, Path caCertificates) throws IOException {
        SslContextBuilder builder = new SslContextBuilder();
        if (certificate != null) builder.withKeyStore(key(privateKey), certificates(certificate));
        if (caCertificates != null) builder.withTrustStore(certificates(caCertificates));
        try {
            return builder.build();
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new IOException("cannot build TLS context from " + certificate + ", " + privateKey + ", "
                    + caCertificates + ": " + e.getMessage(), e);
        }
    }

    /** The certificates in a PEM file, in file order; at least one. */
    static List<X509Certificate> certificates(Path file) throws IOException {
        List<X509Certificate> certificates;
        try {
            certificates = X509CertificateUtils.certificateListFromPem(read(file, "certificate"));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new IOException("cannot read certificates from " + file + ": " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) throw new IOException("no certificate in " + file);
        return certificates;
    }

    /** The private key of a PEM file ("PRIVATE KEY", "RSA PRIVATE KEY" or "EC PRIVATE KEY"). */
    static PrivateKey key(Path file) throws IOException {
        if (file == null) throw new IOException("a client certificate needs its private key");
        String pem = read(file, "private key");
        try {
            return KeyUtils.fromPemEncodedPrivateKey(pem);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new IOException("no private key in " + file, e);
        }
    }

    private static String read(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(what + " file " + file + " does not exist");
        // PEM blocks are ASCII; Latin-1 decodes any byte, so text around them (comments, a BOM) cannot fail the read.
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }
}
