package org.securechannel.crypto;

import java.math.BigInteger;
import java.security.spec.ECParameterSpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.securechannel.codec.NamedGroup;

/**
 * The NIST curves as Bouncy Castle's custom implementations (specialised field arithmetic, several times
 * faster than the generic curve classes), looked up by field size and order like SignatureSchemes does.
 */
final class BouncyCastleCurves {
    static final ECDomainParameters P256 = domain("secp256r1");
    static final ECDomainParameters P384 = domain("secp384r1");
    static final ECDomainParameters P521 = domain("secp521r1");

    private BouncyCastleCurves() {
    }

    private static ECDomainParameters domain(String name) {
        X9ECParameters x9 = CustomNamedCurves.getByName(name);
        return new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH(), x9.getSeed());
    }

    static ECDomainParameters of(NamedGroup group) {
        switch (group) {
            case SECP256R1: return P256;
            case SECP384R1: return P384;
            default: throw new IllegalArgumentException("not a NIST curve group: " + group);
        }
    }

    static ECDomainParameters domainOf(ECParameterSpec spec) {
        return byOrder(spec.getCurve().getField().getFieldSize(), spec.getOrder());
    }

    static ECDomainParameters fast(ECDomainParameters generic) {
        return byOrder(generic.getCurve().getFieldSize(), generic.getN());
    }

    private static ECDomainParameters byOrder(int fieldSize, BigInteger order) {
        for (ECDomainParameters d : new ECDomainParameters[] {P256, P384, P521}) {
            if (d.getCurve().getFieldSize() == fieldSize && d.getN().equals(order)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unsupported curve of " + fieldSize + " bits");
    }
}
