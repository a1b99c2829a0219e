package dev.embedlab.client.evaluate;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an {@link SSLContext} from PEM files, as Vespa Cloud hands them out (data-plane certificate and key),
 * optionally trusting only the given CA certificates. Uses BouncyCastle's PEM parser (already on the class path
 * through vespa-feed-client) because the JDK cannot read PKCS#1/EC PEM keys.
 */
public final class PemSslContext {

    private PemSslContext() {
    }

    public static SSLContext create(Path certificate, Path privateKey, Path caCertificates) throws IOException {
        try {
            KeyManagerFactory keyManagers = null;
            if (certificate != null) {
                List<X509Certificate> chain = certificates(certificate);
                if (chain.isEmpty()) throw new IOException("no certificate in " + certificate);
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", key(privateKey), new char[0], chain.toArray(X509Certificate[]::new));
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keys, new char[0]);
            }
            TrustManagerFactory trustManagers = null;
            if (caCertificates != null) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                int i = 0;
                for (X509Certificate ca : certificates(caCertificates)) trust.setCertificateEntry("ca" + i++, ca);
                trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trustManagers.init(trust);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(),
                    trustManagers == null ? null : trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build TLS context from " + certificate + ", " + privateKey + ": " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8); PEMParser pem = new PEMParser(reader)) {
            Object object;
            while ((object = pem.readObject()) != null) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        }
        return certificates;
    }

    static PrivateKey key(Path file) throws IOException {
        if (file == null) throw new IOException("a client certificate needs its private key");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8); PEMParser pem = new PEMParser(reader)) {
            Object object;
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            while ((object = pem.readObject()) != null) {
                // Only the private part: an "EC PRIVATE KEY" block may omit the public key.
                if (object instanceof PEMKeyPair pair) return converter.getPrivateKey(pair.getPrivateKeyInfo());
                if (object instanceof PrivateKeyInfo info) return converter.getPrivateKey(info);
            }
        }
        throw new IOException("no private key in " + file);
    }
}
