package dev.funnelflow.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Key material for TLS tests, made afresh for each test: nothing secret is committed, nothing expires in the repo. */
public final class TestCertificates {

    private static final String ALIAS = "embedded-kafka";
    private static final Duration VALIDITY = Duration.ofDays(1);

    private TestCertificates() {}

    /**
     * A self-signed certificate for the loopback address, as the embedded broker's PKCS12 keystore and a client
     * truststore holding that certificate, written to {@code dir} with random passwords. The certificate names
     * 127.0.0.1, ::1 and localhost, so clients keep hostname verification on.
     */
    public static EmbeddedKafka.TlsStores selfSignedLoopback(Path dir) {
        try {
            // P-256 rather than RSA: key generation takes milliseconds, and every TLS 1.2/1.3 client accepts it.
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X509Certificate certificate = selfSigned(keys);

            EmbeddedKafka.TlsStores stores = new EmbeddedKafka.TlsStores(dir.resolve("broker.p12"),
                    "keystore-" + UUID.randomUUID(), dir.resolve("truststore.p12"), "truststore-" + UUID.randomUUID());
            KeyStore keyStore = emptyPkcs12();
            keyStore.setKeyEntry(ALIAS, keys.getPrivate(), stores.keyStorePassword().toCharArray(),
                    new Certificate[] {certificate});
            write(keyStore, stores.keyStore(), stores.keyStorePassword());
            KeyStore trustStore = emptyPkcs12();
            trustStore.setCertificateEntry(ALIAS, certificate);
            write(trustStore, stores.trustStore(), stores.trustStorePassword());
            return stores;
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Could not create test key material in " + dir, e);
        }
    }

    private static X509Certificate selfSigned(KeyPair keys) throws GeneralSecurityException, OperatorCreationException,
            IOException {
        X500Name name = new X500Name("CN=localhost");
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now), Date.from(now.plus(VALIDITY)), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1"),
                new GeneralName(GeneralName.dNSName, "localhost")}));
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    private static KeyStore emptyPkcs12() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static void write(KeyStore store, Path file, String password) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
    }
}
