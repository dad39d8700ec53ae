package org.securechannel.crypto;

import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDSA verification (FIPS 186-4 §6.4.2, as Bouncy Castle's ECDSASigner does it) for public keys that
 * recur: a server's leaf key is verified by every client of that server, and a CA's by every handshake.
 *
 * <p>What is cached is derived from the public key alone, never a verification result: the decoded and
 * validated point, and from its second use on a comb table for it ({@link BouncyCastleCombTable}), so that
 * u1·G + u2·Q is one comb pass with shared doublings and direct (variable-time: all of it is public)
 * lookups. P-256, JDK 17, verifies per sign in the same run (PrimitivesBenchmark): 0.55 with Bouncy
 * Castle's two constant-time combs, 1.03 with this at width 6, about 1.6 at width 8 (tables kept compact). A key seen once takes Bouncy Castle's ordinary path, so one-off keys
 * pay nothing for the table (16 KB per key, at most 32 keys). The cache is small and keyed by the
 * curve and the point's coordinates; an attacker cycling keys only makes it miss.
 */
final class BouncyCastleEcdsaVerifier {
    private static final int CAPACITY = 32;
    /** The generator's table per curve, built on first use (public data, shared by all keys). */
    private static final Map<ECDomainParameters, BouncyCastleCombTable> GENERATORS = new ConcurrentHashMap<>();

    private record KeyId(int fieldSize, BigInteger x, BigInteger y) {
    }

    private static final class CachedKey {
        final ECDomainParameters domain;
        final ECPoint q;
        volatile int uses;
        /** The key's comb table, from its second use on. */
        volatile BouncyCastleCombTable table;

        CachedKey(ECDomainParameters domain, ECPoint q) {
            this.domain = domain;
            this.q = q;
        }
    }

    /**
     * Every handshake on every core reads this twice (leaf and CA key), so it takes no lock: an access-ordered
     * LinkedHashMap must be locked even to read. When full, an arbitrary entry makes room; a recurring key
     * that loses its place comes back on its next use (one handshake without the table), and keys cycled by
     * an attacker still only make it miss.
     */
    private static final Map<KeyId, CachedKey> CACHE = new ConcurrentHashMap<>(CAPACITY * 2);

    private BouncyCastleEcdsaVerifier() {
    }

    /** The validated point of {@code key}; IllegalArgumentException when it is not on its curve. */
    private static CachedKey entry(ECPublicKey key) {
        BigInteger x = key.getW().getAffineX();
        BigInteger y = key.getW().getAffineY();
        int fieldSize = key.getParams().getCurve().getField().getFieldSize();
        KeyId id = new KeyId(fieldSize, x, y);
        CachedKey e = CACHE.get(id);
        if (e != null && e.domain.getN().equals(key.getParams().getOrder())) {
            return e;
        }
        ECDomainParameters domain = BouncyCastleCurves.domainOf(key.getParams());
        // validatePoint checks the coordinates and the curve equation (cofactor 1: never the identity).
        ECPoint q = domain.getCurve().validatePoint(x, y);
        e = new CachedKey(domain, q);
        while (CACHE.size() >= CAPACITY) {
            Iterator<KeyId> any = CACHE.keySet().iterator();
            if (!any.hasNext()) {
                break;
            }
            CACHE.remove(any.next());
        }
        CACHE.put(id, e);
        return e;
    }

    /** Verifies a DER ECDSA signature over {@code message} hashed with {@code digest}; false for any failure. */
    static boolean verify(Digest digest, ECPublicKey key, byte[] message, byte[] signature) {
        CachedKey entry = entry(key);
        ECDomainParameters domain = entry.domain;
        BigInteger n = domain.getN();
        BigInteger[] rs;
        try {
            // Strict DER (no trailing data, minimal integers), as DSADigestSigner does.
            rs = StandardDSAEncoding.INSTANCE.decode(n, signature);
        } catch (Exception e) {
            return false;
        }
        BigInteger r = rs[0];
        BigInteger s = rs[1];
        if (r.signum() <= 0 || r.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n) >= 0) {
            return false;
        }
        byte[] hash = new byte[digest.getDigestSize()];
        digest.update(message, 0, message.length);
        digest.doFinal(hash, 0);
        BigInteger e = calculateE(n, hash);
        BigInteger c = BigIntegers.modOddInverseVar(n, s);
        BigInteger u1 = e.multiply(c).mod(n);
        BigInteger u2 = r.multiply(c).mod(n);

        ECPoint point;
        BouncyCastleCombTable table = entry.table;
        if (table == null && entry.uses++ >= 1) {
            // A recurring key: worth a table (a race only builds it twice, with the same content).
            table = BouncyCastleCombTable.of(entry.q, n.bitLength());
            entry.table = table;
        }
        if (table != null) {
            BouncyCastleCombTable g = GENERATORS.computeIfAbsent(domain,
                    d -> BouncyCastleCombTable.of(d.getG(), d.getN().bitLength()));
            point = BouncyCastleCombTable.sumOfTwoProducts(g, u1, table, u2);
        } else {
            point = ECAlgorithms.sumOfTwoMultiplies(domain.getG(), u1, entry.q, u2);
        }
        point = point.normalize();
        if (point.isInfinity()) {
            return false;
        }
        return point.getAffineXCoord().toBigInteger().mod(n).equals(r);
    }

    /** The hash as an integer, truncated to the bit length of n (SEC 1 §4.1.4 step 5). */
    private static BigInteger calculateE(BigInteger n, byte[] hash) {
        int log2n = n.bitLength();
        int messageBitLength = hash.length * 8;
        BigInteger e = new BigInteger(1, hash);
        if (log2n < messageBitLength) {
            e = e.shiftRight(messageBitLength - log2n);
        }
        return e;
    }
}
