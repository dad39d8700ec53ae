package org.securechannel.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * TLS 1.2 CertificateRequest (RFC 5246 §7.4.4): {@code ClientCertificateType certificate_types<1..2^8-1>;
 * SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>; DistinguishedName
 * certificate_authorities<0..2^16-1>}. Schemes stay raw codes; the DER names stay unparsed.
 */
public final class Tls12CertificateRequest implements HandshakeMessage {
    /** ClientCertificateType rsa_sign (RFC 5246 §7.4.4). */
    public static final int RSA_SIGN = 1;
    /** ClientCertificateType ecdsa_sign (RFC 8422 §5.5). */
    public static final int ECDSA_SIGN = 64;

    private final byte[] certificateTypes;
    private final List<Integer> signatureSchemes;
    private final List<byte[]> authorities;

    public Tls12CertificateRequest(byte[] certificateTypes, List<Integer> signatureSchemes, List<byte[]> authorities) {
        this.certificateTypes = Wire.copy(certificateTypes, 1, 0xFF, "certificate_types");
        this.signatureSchemes = Wire.codes(signatureSchemes, 1, 0x7FFF, 0xFFFF, "supported_signature_algorithms");
        List<byte[]> names = new ArrayList<>();
        for (byte[] a : authorities) {
            names.add(Wire.copy(a, 1, 0xFFFF, "DistinguishedName"));
        }
        this.authorities = List.copyOf(names);
    }

    public static Tls12CertificateRequest parse(byte[] body) throws AlertException {
        TlsReader r = new TlsReader(body, "CertificateRequest");
        byte[] types = r.vector8();
        if (types.length == 0) {
            throw AlertException.decodeError("CertificateRequest: empty certificate_types");
        }
        TlsReader schemes = r.sub16("CertificateRequest.supported_signature_algorithms");
        Wire.requireNonEmpty(schemes, "CertificateRequest.supported_signature_algorithms");
        List<Integer> codes = Wire.readU16s(schemes, "CertificateRequest.supported_signature_algorithms");
        TlsReader cas = r.sub16("CertificateRequest.certificate_authorities");
        r.expectEnd();
        List<byte[]> names = new ArrayList<>();
        while (cas.hasRemaining()) {
            byte[] name = cas.vector16();
            if (name.length == 0) {
                throw AlertException.decodeError("CertificateRequest: empty DistinguishedName");
            }
            names.add(name);
        }
        return new Tls12CertificateRequest(types, codes, names);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    @Override
    public void writeBody(TlsWriter w) {
        w.vector8(certificateTypes);
        w.vector16(v -> signatureSchemes.forEach(v::u16));
        w.vector16(v -> authorities.forEach(v::vector16));
    }

    public byte[] certificateTypes() {
        return certificateTypes.clone();
    }

    public List<Integer> signatureSchemes() {
        return signatureSchemes;
    }

    /** DER-encoded distinguished names; copies. */
    public List<byte[]> authorities() {
        List<byte[]> copies = new ArrayList<>();
        authorities.forEach(a -> copies.add(a.clone()));
        return copies;
    }
}
