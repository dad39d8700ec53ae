package org.securechannel.handshake.tls13;

import org.securechannel.codec.SignatureScheme;
import org.securechannel.handshake.Tls13KeySchedule;

/**
 * Server, from its flight until the client's Finished: what was negotiated, the key schedule, the scheme our
 * CertificateVerify used, and the application secrets (we already write with ours; we read with the client's
 * once its Finished checks out).
 */
record ServerFinishing(Negotiated negotiated, Tls13KeySchedule keys, SignatureScheme ourScheme, TrafficSecrets application) {
    void destroy() {
        keys.destroy();
        application.destroy();
    }
}
