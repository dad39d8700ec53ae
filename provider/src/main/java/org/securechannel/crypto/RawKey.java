package org.securechannel.crypto;

import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * A raw symmetric key we can actually wipe: {@code SecretKeySpec} cannot be destroyed, so a record key
 * handed to JCA as one would linger until garbage collection.
 */
final class RawKey implements SecretKey {
    private static final long serialVersionUID = 1L;

    private final String algorithm;
    private final byte[] key;
    private boolean destroyed;

    RawKey(String algorithm, byte[] key) {
        this.algorithm = algorithm;
        this.key = key.clone();
    }

    /**
     * The key bytes themselves, not a copy: for this package's record AEADs, which compare keys on the
     * record path (a copy per record would be an allocation per record). Never hand it out.
     */
    byte[] material() {
        return key;
    }

    @Override
    public String getAlgorithm() {
        return algorithm;
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    @Override
    public synchronized byte[] getEncoded() {
        if (destroyed) {
            throw new IllegalStateException("key destroyed");
        }
        return key.clone();
    }

    @Override
    public synchronized void destroy() {
        Arrays.fill(key, (byte) 0);
        destroyed = true;
    }

    @Override
    public synchronized boolean isDestroyed() {
        return destroyed;
    }
}
