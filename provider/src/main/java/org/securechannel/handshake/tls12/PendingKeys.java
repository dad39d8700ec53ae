package org.securechannel.handshake.tls12;

import org.securechannel.codec.CipherSuite;
import org.securechannel.crypto.CryptoBackend;
import org.securechannel.handshake.Tls12KeySchedule;
import org.securechannel.record.RecordProtection;
import org.securechannel.record.Tls12RecordProtection;

/**
 * The keys the ClientKeyExchange produced, waiting for the change_cipher_spec of each direction (RFC 5246
 * §7.1): the schedule (for Finished and the exporter) and one record protection per direction.
 */
record PendingKeys(Tls12KeySchedule schedule, RecordProtection clientWrite, RecordProtection serverWrite) {
    /** The key block cut into both directions' protections; the block itself is wiped here. */
    static PendingKeys derive(CryptoBackend crypto, CipherSuite suite, Tls12KeySchedule schedule) {
        CipherSuite.Aead aead = suite.aead();
        Tls12KeySchedule.KeyBlock block = schedule.keyBlock(aead.keyLength(), Tls12RecordProtection.fixedIvLength(aead));
        try {
            return new PendingKeys(schedule,
                    new Tls12RecordProtection(crypto, aead, block.client().key(), block.client().iv()),
                    new Tls12RecordProtection(crypto, aead, block.server().key(), block.server().iv()));
        } finally {
            block.wipe();
        }
    }

    RecordProtection readProtection(boolean client) {
        return client ? serverWrite : clientWrite;
    }

    RecordProtection writeProtection(boolean client) {
        return client ? clientWrite : serverWrite;
    }

    void destroy() {
        schedule.destroy();
        clientWrite.destroy();
        serverWrite.destroy();
    }
}
