package org.securechannel.context;

import org.securechannel.codec.AlertException;

/**
 * Bounds on inbound records that are legal but carry nothing for the application. RFC 8446 allows each of
 * them one at a time, and a peer can send them forever at no cost to itself: a million user_canceled alerts
 * or empty records kept a connection (and its thread) busy with nothing to show. Each count restarts when
 * application data arrives, so a connection that carries data never hits them; one that only sends these is
 * ended with unexpected_message. The figures are of the order OpenSSL and BoringSSL use for the same rule.
 *
 * <p>Counted here, and only here: warning-level alerts (user_canceled; every other TLS 1.3 alert is fatal),
 * zero-length application data records, and post-handshake messages (KeyUpdate, NewSessionTicket). The
 * single compatibility change_cipher_spec is counted by the handshake states' own rule, not here.
 */
final class UselessRecordLimits {
    /** Consecutive warning alerts: a peer says user_canceled once, then close_notify. */
    static final int MAX_WARNING_ALERTS = 4;
    /** Consecutive empty application data records: legal as traffic-analysis padding, useless in bulk. */
    static final int MAX_EMPTY_RECORDS = 32;
    /** Post-handshake messages with no application data between them: servers send a few tickets, not more. */
    static final int MAX_POST_HANDSHAKE_MESSAGES = 32;

    private int warningAlerts;
    private int emptyRecords;
    private int postHandshakeMessages;

    /** An application data record with {@code length} bytes of content. */
    void applicationData(int length) throws AlertException {
        if (length > 0) {
            warningAlerts = 0;
            emptyRecords = 0;
            postHandshakeMessages = 0;
        } else if (++emptyRecords > MAX_EMPTY_RECORDS) {
            throw AlertException.unexpectedMessage("more than " + MAX_EMPTY_RECORDS + " empty records in a row");
        }
    }

    void warningAlert() throws AlertException {
        if (++warningAlerts > MAX_WARNING_ALERTS) {
            throw AlertException.unexpectedMessage("more than " + MAX_WARNING_ALERTS + " warning alerts in a row");
        }
    }

    void postHandshakeMessage() throws AlertException {
        if (++postHandshakeMessages > MAX_POST_HANDSHAKE_MESSAGES) {
            throw AlertException.unexpectedMessage("more than " + MAX_POST_HANDSHAKE_MESSAGES
                    + " post-handshake messages without application data between them");
        }
    }
}
