package dev.embedlab.client.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Vespa Cloud style data-plane PEM files (EC key, as `vespa auth cert` writes, and RSA) load into an SSLContext
 * through Vespa's security-utils, the contexts complete a mutual TLS handshake, and a wrong file is named.
 */
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
            assertSameKey(keys.getPrivate(), PemSslContext.key(key));
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

    @Test
    void aMissingFileIsNamed() throws Exception {
        PemPair pair = ecPair("client");
        Path cert = pair.certificate();
        Path key = pair.key();
        Path missing = dir.resolve("missing.pem");
        IOException noKey = assertThrows(IOException.class, () -> PemSslContext.create(cert, missing, null));
        assertEquals("private key file " + missing + " does not exist", noKey.getMessage());
        IOException noCa = assertThrows(IOException.class, () -> PemSslContext.create(cert, key, missing));
        assertEquals("certificate file " + missing + " does not exist", noCa.getMessage());
    }

    /** The key and certificate swapped, or a CA file without certificates: each error names the file at fault. */
    @Test
    void aFileWithTheWrongContentIsNamed() throws Exception {
        PemPair pair = ecPair("client");
        Path cert = pair.certificate();
        Path key = pair.key();
        IOException swapped = assertThrows(IOException.class, () -> PemSslContext.create(key, cert, null));
        assertEquals("no private key in " + cert, swapped.getMessage());
        Path emptyCa = dir.resolve("ca.pem");
        Files.writeString(emptyCa, "# no certificates here\n");
        IOException noCa = assertThrows(IOException.class, () -> PemSslContext.create(cert, key, emptyCa));
        assertEquals("no certificate in " + emptyCa, noCa.getMessage(), "an empty trust store would refuse every server");
        IOException keyAsCa = assertThrows(IOException.class, () -> PemSslContext.create(null, null, key));
        assertTrue(keyAsCa.getMessage().startsWith("cannot read certificates from " + key + ": "), keyAsCa.getMessage());
    }

    /** Server and client contexts built from the same self-signed pair trust each other; a stranger's CA does not. */
    @Test
    void contextsCompleteAMutualTlsHandshake() throws Exception {
        PemPair pair = ecPair("server-and-client");
        Path stranger = ecPair("stranger").certificate();
        SSLContext server = PemSslContext.create(pair.certificate(), pair.key(), pair.certificate());
        assertEquals("handshake done", handshake(server, PemSslContext.create(pair.certificate(), pair.key(), pair.certificate())));
        assertThrows(SSLException.class, () -> handshake(server, PemSslContext.create(pair.certificate(), pair.key(), stranger)));
    }

    /** Vespa's reader returns BouncyCastle key objects, which do not equal the JDK's: compare the key values. */
    private static void assertSameKey(PrivateKey expected, PrivateKey actual) {
        assertEquals(expected.getAlgorithm(), actual.getAlgorithm());
        if (expected instanceof ECPrivateKey ec) {
            assertEquals(ec.getS(), ((ECPrivateKey) actual).getS());
        } else {
            RSAPrivateKey rsa = (RSAPrivateKey) expected;
            assertEquals(rsa.getModulus(), ((RSAPrivateKey) actual).getModulus());
            assertEquals(rsa.getPrivateExponent(), ((RSAPrivateKey) actual).getPrivateExponent());
        }
    }

    record PemPair(Path certificate, Path key) {
    }

    /** A fresh EC key and its self-signed certificate, written as {@code <name>-cert.pem} and {@code <name>-key.pem}. */
    private PemPair ecPair(String name) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        PemPair pair = new PemPair(dir.resolve(name + "-cert.pem"), dir.resolve(name + "-key.pem"));
        pem(pair.certificate(), selfSigned(keys, "SHA256withECDSA"));
        pem(pair.key(), new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keys.getPrivate(), null));
        return pair;
    }

    /** One TLS 1.3 connection over loopback that requires a client certificate; the client reads one line. */
    private static String handshake(SSLContext server, SSLContext client) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.getOutputStream().write("handshake done\n".getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                } catch (IOException ignored) {
                    // The client's side of a failed handshake is what the test looks at.
                }
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                served.get(10, TimeUnit.SECONDS);
                return line;
            }
        }
    }
}
