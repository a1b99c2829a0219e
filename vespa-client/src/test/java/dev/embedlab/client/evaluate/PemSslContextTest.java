package dev.embedlab.client.evaluate;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Vespa Cloud style data-plane PEM files (EC key, as `vespa auth cert` writes, and RSA) load into an SSLContext. */
class PemSslContextTest {

    @TempDir
    Path dir;

    private X509Certificate selfSigned(KeyPair keys, String algorithm) throws Exception {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=embedlab-test"), BigInteger.ONE,
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)),
                new X500Name("CN=embedlab-test"), keys.getPublic());
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate())));
    }

    private void pem(Path file, Object object) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(object);
        }
    }

    @Test
    void loadsEcAndRsaCertificateAndKey() throws Exception {
        for (String[] kind : new String[][] {{"EC", "SHA256withECDSA"}, {"RSA", "SHA256withRSA"}}) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(kind[0]);
            generator.initialize(kind[0].equals("EC") ? 256 : 2048);
            KeyPair keys = generator.generateKeyPair();
            X509Certificate certificate = selfSigned(keys, kind[1]);
            Path cert = dir.resolve(kind[0] + "-cert.pem");
            Path key = dir.resolve(kind[0] + "-key.pem");
            pem(cert, certificate);
            pem(key, new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keys.getPrivate(), null));  // "PRIVATE KEY"
            assertEquals(certificate, PemSslContext.certificates(cert).get(0));
            assertEquals(keys.getPrivate(), PemSslContext.key(key));
            SSLContext context = PemSslContext.create(cert, key, cert);
            assertNotNull(context.getSocketFactory());
        }
    }

    /** "EC PRIVATE KEY" (SEC1) as openssl writes it, with curve parameters and public key. */
    @Test
    void loadsAnOpensslEcKey() throws Exception {
        Path key = dir.resolve("ec.pem");
        Path cert = dir.resolve("ec-cert.pem");
        Process genkey;
        try {
            genkey = new ProcessBuilder("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("openssl is not installed: " + e.getMessage());
            return;
        }
        assertEquals(0, genkey.waitFor());
        Process req = new ProcessBuilder("openssl", "req", "-new", "-x509", "-key", key.toString(), "-out", cert.toString(),
                "-days", "1", "-subj", "/CN=embedlab-test").redirectErrorStream(true).start();
        assertEquals(0, req.waitFor(), new String(req.getInputStream().readAllBytes()));
        assertEquals("-----BEGIN EC PRIVATE KEY-----", Files.readAllLines(key).get(0));
        assertEquals("EC", PemSslContext.key(key).getAlgorithm());
        assertNotNull(PemSslContext.create(cert, key, null));
    }

    @Test
    void aKeyFileWithoutAKeyIsNamed() throws Exception {
        Path notAKey = dir.resolve("cert-only.pem");
        Files.writeString(notAKey, "not pem at all\n");
        IOException e = assertThrows(IOException.class, () -> PemSslContext.key(notAKey));
        assertEquals("no private key in " + notAKey, e.getMessage());
    }
}
