package org.securechannel.cli;

import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.ProtocolVersion;
import org.securechannel.codec.SignatureScheme;

/**
 * What a scan found, as a terminal table or as JSON. Names are spelled as JSSE and IANA spell them: versions
 * "TLSv1.3", suites "TLS_AES_128_GCM_SHA256", groups "x25519", schemes "ecdsa_secp256r1_sha256". Null means not
 * known: not probed, or not judged.
 *
 * @param retry         how the server answered our default offer (one key share, for our first group): null
 *                      when TLS 1.3 was not negotiated
 * @param hostnameMatch whether the leaf names the server name; null when not judged
 * @param trustProblem  why the chain is not trusted, or null when it is
 * @param tls12SessionResumption whether a second TLS 1.2 connection resumed the first's session; null without TLS 1.2
 * @param tls13Tickets  whether a second TLS 1.3 connection resumed with a ticket of the first; null without TLS 1.3
 * @param maxEarlyData  the most 0-RTT data the server's TLS 1.3 tickets allow (0: no 0-RTT); null without tickets
 * @param unreachable   why nothing could be learned, or null
 */
record ScanReport(List<ProtocolVersion> versions, Map<ProtocolVersion, List<CipherSuite>> cipherSuites,
        List<NamedGroup> groups, Retry retry, List<SignatureScheme> signatureSchemes, List<String> alpn,
        List<X509Certificate> chain, Boolean hostnameMatch, String trustProblem, Boolean tls12SessionResumption,
        Boolean tls13Tickets, Long maxEarlyData, List<String> notes, String unreachable) {

    /** @param helloRetryRequest whether the server asked for another share; {@code group} is the one it took */
    record Retry(NamedGroup offeredShare, boolean helloRetryRequest, NamedGroup group) {
    }

    static ScanReport unreachable(String why, List<String> notes) {
        return new ScanReport(List.of(), Map.of(), List.of(), null, List.of(), List.of(), List.of(), null, null, null,
                null, null, notes, why);
    }

    /** The JSON object: at least versions, cipherSuites, groups, signatureSchemes, alpn, certificates, resumption, earlyData. */
    Map<String, Object> toJson(String target, String serverName, Instant now) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("target", target);
        o.put("serverName", serverName);
        if (unreachable != null) {
            o.put("error", unreachable);
        }
        o.put("versions", names(versions, ProtocolVersion::jsseName));
        Map<String, Object> suites = new LinkedHashMap<>();
        cipherSuites.forEach((v, list) -> suites.put(v.jsseName(), names(list, CipherSuite::jsseName)));
        o.put("cipherSuites", suites);
        o.put("groups", names(groups, NamedGroup::ianaName));
        if (retry != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("offeredKeyShare", retry.offeredShare().ianaName());
            r.put("helloRetryRequest", retry.helloRetryRequest());
            r.put("selectedGroup", retry.group() == null ? null : retry.group().ianaName());
            o.put("helloRetryRequest", r);
        }
        o.put("signatureSchemes", names(signatureSchemes, SignatureScheme::ianaName));
        o.put("alpn", alpn);
        List<Object> certs = new ArrayList<>();
        for (X509Certificate c : chain) {
            certs.add(certificate(c, now));
        }
        o.put("certificates", certs);
        o.put("hostnameMatch", hostnameMatch);
        o.put("trusted", unreachable == null && !chain.isEmpty() ? trustProblem == null : null);
        if (trustProblem != null) {
            o.put("trustProblem", trustProblem);
        }
        o.put("ocspStapling", null);
        Map<String, Object> resumption = new LinkedHashMap<>();
        resumption.put("tls12", tls12SessionResumption);
        resumption.put("tls13Tickets", tls13Tickets);
        o.put("resumption", resumption);
        o.put("earlyData", maxEarlyData); // max_early_data_size the tickets allow; null: no tickets seen
        o.put("notProbed", List.of("ocspStapling"));
        o.put("notes", notes);
        return o;
    }

    private static Map<String, Object> certificate(X509Certificate c, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", c.getSubjectX500Principal().getName());
        m.put("issuer", c.getIssuerX500Principal().getName());
        m.put("serialNumber", c.getSerialNumber().toString(16));
        m.put("publicKey", keyDescription(c));
        m.put("notBefore", c.getNotBefore().toInstant().toString());
        m.put("notAfter", c.getNotAfter().toInstant().toString());
        m.put("daysUntilExpiry", Duration.between(now, c.getNotAfter().toInstant()).toDays());
        return m;
    }

    private static String keyDescription(X509Certificate c) {
        var key = c.getPublicKey();
        if (key instanceof RSAKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if (key instanceof ECKey ec) {
            return "EC " + ec.getParams().getCurve().getField().getFieldSize();
        }
        return key.getAlgorithm();
    }

    /** The terminal table: one "name: value" line per finding, certificates indented. */
    String toTable(String target, String serverName, Instant now) {
        StringBuilder b = new StringBuilder();
        line(b, "Target", target + (serverName == null ? "" : " (server name " + serverName + ")"));
        if (unreachable != null) {
            line(b, "Result", unreachable);
        }
        line(b, "Versions", join(names(versions, ProtocolVersion::jsseName)));
        cipherSuites.forEach((v, list) -> line(b, "Suites " + v.jsseName(), join(names(list, CipherSuite::jsseName))));
        line(b, "Groups", join(names(groups, NamedGroup::ianaName)));
        if (retry != null) {
            line(b, "HelloRetryRequest", retry.helloRetryRequest()
                    ? "yes: our " + retry.offeredShare().ianaName() + " share refused, " + name(retry.group()) + " taken"
                    : "no: our " + retry.offeredShare().ianaName() + " share taken");
        }
        line(b, "Signature schemes", join(names(signatureSchemes, SignatureScheme::ianaName)));
        line(b, "ALPN", alpn.isEmpty() ? "(none of " + String.join(", ", ServerScan.ALPN_CANDIDATES) + ")" : join(alpn));
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            line(b, "Certificate " + i, c.getSubjectX500Principal().getName() + " (" + keyDescription(c) + ")");
            line(b, "  issued by", c.getIssuerX500Principal().getName());
            line(b, "  valid until", c.getNotAfter().toInstant() + " (" + Duration.between(now, c.getNotAfter().toInstant()).toDays()
                    + " days)");
        }
        if (!chain.isEmpty()) {
            line(b, "Host name match", hostnameMatch == null ? "not judged" : hostnameMatch ? "yes" : "no");
            line(b, "Trusted", trustProblem == null ? "yes" : "no: " + trustProblem);
        }
        line(b, "TLS 1.2 resumption", tls12SessionResumption == null ? "(no TLS 1.2)" : tls12SessionResumption ? "yes" : "no");
        line(b, "TLS 1.3 tickets", tls13Tickets == null ? "(no TLS 1.3)" : tls13Tickets ? "yes (resumed)" : "no");
        line(b, "0-RTT", maxEarlyData == null ? "(no TLS 1.3 tickets)" : maxEarlyData == 0 ? "no (tickets allow none)"
                : "tickets allow " + maxEarlyData + " bytes");
        line(b, "Not probed", "OCSP stapling (SecureChannel cannot request it yet)");
        for (String n : notes) {
            line(b, "Note", n);
        }
        return b.toString();
    }

    private static String name(NamedGroup g) {
        return g == null ? "?" : g.ianaName();
    }

    private static <T> List<String> names(List<T> items, java.util.function.Function<T, String> name) {
        List<String> out = new ArrayList<>(items.size());
        for (T t : items) {
            out.add(name.apply(t));
        }
        return out;
    }

    private static String join(List<String> items) {
        return items.isEmpty() ? "(none)" : String.join(", ", items);
    }

    private static void line(StringBuilder b, String name, String value) {
        b.append(String.format("%-20s %s%n", name + ":", value));
    }
}
