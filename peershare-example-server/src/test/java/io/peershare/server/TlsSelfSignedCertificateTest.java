package io.peershare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peershare.testing.ManualClock;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code TLS_SELF_SIGNED}: a certificate for whichever URL of this machine a phone opens, kept and used again so that
 * browsers warn once, and made anew when it nears its end or the machine's addresses change.
 */
class TlsSelfSignedCertificateTest {

    private static final FakeMachine LAPTOP = FakeMachine.of("laptop", "127.0.0.1", "::1", "fe80::1c2:3ff:fe04:506%2",
            "2001:db8:0:1:0:0:0:20", "192.168.1.20", "10.8.0.2");

    @TempDir
    Path workDir;
    private final ManualClock clock = new ManualClock();

    private Path dir() {
        return workDir.resolve(".peershare-tls");
    }

    private SelfSignedCertificate.Obtained obtain(LocalAddresses machine) {
        return SelfSignedCertificate.obtain(dir(), SelfSignedCertificate.Subjects.of(machine, List.of("0.0.0.0")), clock);
    }

    /** The subject alternative names as type:value, IP addresses as the bytes' hex. */
    private static Set<String> alternativeNames(X509Certificate certificate) throws Exception {
        Set<String> names = new HashSet<>();
        for (List<?> name : certificate.getSubjectAlternativeNames()) {
            String value = (String) name.get(1);
            names.add((Integer) name.get(0) == 7
                    ? "IP:" + InetAddress.getByName(value).getHostAddress() : "DNS:" + value);
        }
        return names;
    }

    private static String ip(String literal) throws Exception {
        return "IP:" + InetAddress.getByName(literal).getHostAddress();
    }

    @Test
    void itNamesLocalhostTheHostNameAndEveryInterfaceAddressAndIsKeptWithItsKeyForItsOwnerOnly() throws Exception {
        SelfSignedCertificate.Obtained obtained = obtain(LAPTOP);
        assertEquals("there was none in " + dir(), obtained.madeBecause());
        X509Certificate certificate = obtained.certificate().leaf();

        assertEquals(Set.of("DNS:localhost", "DNS:laptop", "DNS:laptop.local", ip("127.0.0.1"), ip("::1"),
                ip("fe80::1c2:3ff:fe04:506"), ip("2001:db8:0:1::20"), ip("192.168.1.20"), ip("10.8.0.2")),
                alternativeNames(certificate));
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), certificate.getExtendedKeyUsage(), "for TLS servers");
        assertEquals(-1, certificate.getBasicConstraints(), "not a certificate authority");
        assertEquals("EC", certificate.getPublicKey().getAlgorithm());
        assertEquals(clock.instant().plus(SelfSignedCertificate.VALIDITY), obtained.certificate().notAfter());
        certificate.verify(certificate.getPublicKey()); // signed with its own key

        assertEquals(dir().resolve("cert.pem"), obtained.file());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir().resolve("key.pem"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir())));
        assertEquals(obtained.certificate().leaf(),
                PemFiles.read("T", dir().resolve("cert.pem"), "T", dir().resolve("key.pem")).leaf());
    }

    @Test
    void theNextStartUsesTheKeptOneAgain() {
        String first = obtain(LAPTOP).certificate().fingerprint();
        clock.advance(Duration.ofDays(300));

        SelfSignedCertificate.Obtained again = obtain(FakeMachine.of("laptop", "192.168.1.20", "10.8.0.2"));
        assertNull(again.madeBecause(), "kept: the machine has no address it does not name, and it ends in 65 days");
        assertEquals(first, again.certificate().fingerprint());
    }

    @Test
    void aNewAddressOrAnEndWithinThirtyDaysMakesANewOne() {
        String first = obtain(LAPTOP).certificate().fingerprint();

        SelfSignedCertificate.Obtained moved = obtain(FakeMachine.of("laptop", "192.168.2.30"));
        assertEquals("the one kept does not name 192.168.2.30", moved.madeBecause());
        assertNotEquals(first, moved.certificate().fingerprint());

        clock.advance(SelfSignedCertificate.VALIDITY.minus(SelfSignedCertificate.RENEW_BEFORE).plusSeconds(1));
        SelfSignedCertificate.Obtained renewed = obtain(FakeMachine.of("laptop", "192.168.2.30"));
        assertTrue(renewed.madeBecause().startsWith("the one kept ends on "), renewed.madeBecause());
        assertNotEquals(moved.certificate().fingerprint(), renewed.certificate().fingerprint());
        assertNull(obtain(FakeMachine.of("laptop", "192.168.2.30")).madeBecause(), "and that one is kept");
    }

    @Test
    void aDamagedKeptCertificateIsReplaced() throws Exception {
        obtain(LAPTOP);
        Files.writeString(dir().resolve("key.pem"), "half a key");

        SelfSignedCertificate.Obtained replaced = obtain(LAPTOP);
        assertNotNull(replaced.madeBecause());
        assertTrue(replaced.madeBecause().startsWith("the one kept cannot be used: "), replaced.madeBecause());
        assertNull(obtain(LAPTOP).madeBecause());
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsAConfigurationErrorNamingTheVariable() throws Exception {
        Files.writeString(dir(), "a file where the directory should be");
        String message = assertThrows(IllegalArgumentException.class, () -> obtain(LAPTOP)).getMessage();
        assertTrue(message.startsWith("TLS_SELF_SIGNED_DIR (" + dir() + ") cannot be written"), message);
    }
}
