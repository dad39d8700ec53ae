package org.securechannel.context;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import java.util.Locale;

/**
 * Channel bindings: values both ends of one TLS connection compute alike, so an authentication protocol
 * run inside it (SCRAM, GSS-API, SASL) can prove it is not being relayed through another connection.
 */
public final class ChannelBinding {
    /** The binding types, with their IANA names. */
    public enum Type {
        /** RFC 9266: 32 bytes of TLS exporter output for "EXPORTER-Channel-Binding", empty context. */
        TLS_EXPORTER("tls-exporter"),
        /**
         * RFC 5929 §4: the hash of the server's certificate, with the hash of its signature algorithm
         * (SHA-256 when that is MD5 or SHA-1). Undefined for certificates signed without one hash (Ed25519).
         */
        TLS_SERVER_END_POINT("tls-server-end-point");

        private final String ianaName;

        Type(String ianaName) {
            this.ianaName = ianaName;
        }

        /** The name registered with IANA, as SASL and GSS-API spell it. */
        public String ianaName() {
            return ianaName;
        }
    }

    static final String EXPORTER_LABEL = "EXPORTER-Channel-Binding";

    private ChannelBinding() {
    }

    /**
     * The binding for an established context. TLS 1.3 only, as the engine is: RFC 9266's precondition
     * (TLS 1.3 or the extended master secret) always holds.
     */
    static byte[] of(SecurityContext context, Type type) throws SecurityContextException {
        if (!context.isEstablished()) {
            throw SecurityContextException.invalidState("channel bindings exist once the handshake has completed");
        }
        if (type == Type.TLS_EXPORTER) {
            return context.exportKeyingMaterial(EXPORTER_LABEL, new byte[0], 32);
        }
        List<X509Certificate> chain = context.isClient() ? context.peerCertificates() : context.localCertificates();
        if (chain.isEmpty()) {
            throw SecurityContextException.invalidState("tls-server-end-point needs the server's certificate, and there is none");
        }
        return serverEndPoint(chain.get(0));
    }

    static byte[] serverEndPoint(X509Certificate cert) throws SecurityContextException {
        try {
            return MessageDigest.getInstance(hashOf(cert)).digest(cert.getEncoded());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw SecurityContextException.invalidState("tls-server-end-point: cannot hash the certificate: " + e);
        }
    }

    /** The JCA digest name RFC 5929 §4.1 asks for, from the certificate's signature algorithm. */
    static String hashOf(X509Certificate cert) throws SecurityContextException, GeneralSecurityException, java.io.IOException {
        String algorithm = cert.getSigAlgName().toUpperCase(Locale.ROOT);
        String hash;
        if (algorithm.equals("RSASSA-PSS")) {
            AlgorithmParameters params = AlgorithmParameters.getInstance("RSASSA-PSS");
            params.init(cert.getSigAlgParams());
            hash = params.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm().toUpperCase(Locale.ROOT);
        } else {
            int with = algorithm.indexOf("WITH");
            if (with <= 0) {
                throw SecurityContextException.invalidState("tls-server-end-point is undefined for certificates signed with "
                        + cert.getSigAlgName() + " (RFC 5929 §4.1: no single hash function)");
            }
            hash = algorithm.substring(0, with);
        }
        switch (hash.replace("-", "")) {
            case "MD5": case "SHA1": case "SHA256": return "SHA-256";
            case "SHA224": return "SHA-224";
            case "SHA384": return "SHA-384";
            case "SHA512": return "SHA-512";
            case "SHA3224": return "SHA3-224";
            case "SHA3256": return "SHA3-256";
            case "SHA3384": return "SHA3-384";
            case "SHA3512": return "SHA3-512";
            default:
                throw SecurityContextException.invalidState("tls-server-end-point: unknown hash in " + cert.getSigAlgName());
        }
    }
}
