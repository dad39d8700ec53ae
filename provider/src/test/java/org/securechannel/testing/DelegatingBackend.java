package org.securechannel.testing;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import org.securechannel.codec.AlertException;
import org.securechannel.codec.CipherSuite;
import org.securechannel.codec.NamedGroup;
import org.securechannel.codec.SignatureScheme;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.crypto.KeyExchangeResponse;
import org.securechannel.crypto.KeyShare;
import org.securechannel.crypto.RecordAead;
import org.securechannel.crypto.TranscriptHash;

/** A backend that forwards everything to the default one: tests override the one operation they bend. */
public abstract class DelegatingBackend implements CryptoBackend {
    protected final CryptoBackend d = CryptoBackend.defaultBackend();

    @Override
    public String name() {
        return getClass().getSimpleName() + "(" + d.name() + ")";
    }

    @Override
    public RecordAead newAead(CipherSuite.Aead algorithm, byte[] key) {
        return d.newAead(algorithm, key);
    }

    @Override
    public KeyShare generateKeyShare(NamedGroup group) throws AlertException {
        return d.generateKeyShare(group);
    }

    @Override
    public boolean supports(NamedGroup group) {
        return d.supports(group);
    }

    /**
     * Diffie-Hellman groups answer through {@link #generateKeyShare} (so a subclass that bends it bends both
     * sides); a hybrid's answer is an encapsulation, which only the default backend's respond does.
     */
    @Override
    public KeyExchangeResponse respond(NamedGroup group, byte[] initiatorShare) throws AlertException {
        return group.isHybrid() ? d.respond(group, initiatorShare) : CryptoBackend.super.respond(group, initiatorShare);
    }

    @Override
    public byte[] hmac(CipherSuite.Hash hash, byte[] key, byte[] data) {
        return d.hmac(hash, key, data);
    }

    @Override
    public byte[] hkdfExtract(CipherSuite.Hash hash, byte[] salt, byte[] ikm) {
        return d.hkdfExtract(hash, salt, ikm);
    }

    @Override
    public byte[] hkdfExpand(CipherSuite.Hash hash, byte[] prk, byte[] info, int length) {
        return d.hkdfExpand(hash, prk, info, length);
    }

    @Override
    public TranscriptHash newTranscriptHash(CipherSuite.Hash hash) {
        return d.newTranscriptHash(hash);
    }

    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message) throws AlertException {
        return d.sign(scheme, key, message);
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        return d.verify(scheme, key, message, signature);
    }

    @Override
    public SecureRandom random() {
        return d.random();
    }
}
