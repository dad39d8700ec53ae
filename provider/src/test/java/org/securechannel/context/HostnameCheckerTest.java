package org.securechannel.context;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.securechannel.testing.TestPki;
import org.securechannel.testing.TestPki.KeyType;

class HostnameCheckerTest {
    private static TestPki ca;

    @BeforeAll
    static void makeCa() {
        ca = TestPki.ca(KeyType.EC_P256);
    }

    private static X509Certificate leaf(String... names) {
        return ca.issue(KeyType.EC_P256, names).leaf();
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
            "www.example.com, www.example.com, true",
            "WWW.Example.COM, www.example.com, true",
            "www.example.com, WWW.EXAMPLE.COM, true",
            "www.example.com., www.example.com, true",
            "www.example.com, www.example.com., true",
            "example.com, www.example.com, false",
            "www.example.org, www.example.com, false",
            "a.example.com, *.example.com, true",
            "A.Example.Com, *.example.com, true",
            "example.com, *.example.com, false",
            "a.b.example.com, *.example.com, false",
            ".example.com, *.example.com, false",
            "foo.example.com, f*.example.com, false",
            "foo.example.com, *oo.example.com, false",
            "www.example.com, www.*.com, false",
            "example.com, *.com, false",
            "com, *, false",
            "xn--bcher-kva.example, xn--bcher-kva.example, true",
            "bücher.example, bücher.example, false",
            "*.example.com, *.example.com, false",
            "a..example.com, *.example.com, false",
    })
    void dnsNames(String host, String san, boolean expected) {
        X509Certificate cert = leaf(san);
        if (expected) {
            assertTrue(HostnameChecker.matches(host, cert));
        } else {
            assertFalse(HostnameChecker.matches(host, cert));
        }
    }

    @Test
    void anyOfSeveralNamesMatches() {
        X509Certificate cert = leaf("one.example", "two.example", "*.three.example");
        assertTrue(HostnameChecker.matches("two.example", cert));
        assertTrue(HostnameChecker.matches("x.three.example", cert));
        assertFalse(HostnameChecker.matches("three.example", cert));
    }

    @Test
    void noFallbackToTheSubjectCommonName() {
        X509Certificate cert = ca.issue(KeyType.EC_P256, o -> o.subject("CN=cn-only.example")).leaf();
        assertFalse(HostnameChecker.matches("cn-only.example", cert));
        // CN is the first SAN by default; a different SAN must not let the CN match.
        X509Certificate other = ca.issue(KeyType.EC_P256, o -> o.subject("CN=cn.example").dnsNames("san.example")).leaf();
        assertFalse(HostnameChecker.matches("cn.example", other));
        assertTrue(HostnameChecker.matches("san.example", other));
    }

    @Test
    void ipLiteralsMatchOnlyIpAddressEntries() {
        X509Certificate cert = leaf("localhost", "127.0.0.1", "::1");
        assertTrue(HostnameChecker.matches("127.0.0.1", cert));
        assertTrue(HostnameChecker.matches("::1", cert));
        assertTrue(HostnameChecker.matches("0:0:0:0:0:0:0:1", cert));
        assertTrue(HostnameChecker.matches("[::1]", cert));
        assertFalse(HostnameChecker.matches("127.0.0.2", cert));
        assertFalse(HostnameChecker.matches("::2", cert));
        // An address written as a dNSName entry does not count.
        X509Certificate dnsOnly = ca.issue(KeyType.EC_P256, o -> o.subject("CN=x")).leaf();
        assertFalse(HostnameChecker.matches("127.0.0.1", dnsOnly));
        assertFalse(HostnameChecker.matches("127.0.0.1", leaf("*.0.0.1")));
    }

    @Test
    void emptyAndNullNeverMatch() {
        X509Certificate cert = leaf("example.com");
        assertFalse(HostnameChecker.matches("", cert));
        assertFalse(HostnameChecker.matches(null, cert));
        assertFalse(HostnameChecker.matches(".", cert));
        assertFalse(HostnameChecker.matches("example.com", null));
    }
}
