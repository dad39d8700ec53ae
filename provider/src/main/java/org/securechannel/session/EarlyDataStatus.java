package org.securechannel.session;

/**
 * What became of 0-RTT data on one connection (RFC 8446 §4.2.10), as either side sees it.
 */
public enum EarlyDataStatus {
    /** No early data was given to the client, or (server) the client sent none. */
    NOT_REQUESTED,
    /**
     * Client: early data was given, but no ticket allowed it (none saved, none of TLS 1.3, one without
     * max_early_data_size, or one allowing less than was given): nothing went out early; send it after the handshake.
     */
    NOT_SENT,
    /** Client: sent with the ClientHello; the server's EncryptedExtensions has not come yet. */
    OFFERED,
    /** The server accepted it: it reached the server's application, once. */
    ACCEPTED,
    /**
     * The server did not accept it (no resumption, another suite or ALPN, outside the freshness window, seen before,
     * or 0-RTT off): the server skipped it unread. Nothing is resent on its own; the caller decides.
     */
    REJECTED
}
