package org.securechannel.crypto;

/** A running hash over handshake messages, whose current value can be read without finishing it. */
public interface TranscriptHash {
    void update(byte[] data, int offset, int length);

    default void update(byte[] data) {
        update(data, 0, data.length);
    }

    /** The hash of everything so far; the running hash goes on. */
    byte[] current();

    int length();
}
