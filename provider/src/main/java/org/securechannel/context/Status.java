package org.securechannel.context;

/** What a call on a {@link SecurityContext} achieved, after Schannel's SEC_I_ and SEC_E_ codes. */
public enum Status {
    /** Done: the handshake is complete, or the message was processed. Unconsumed input is "extra". */
    OK,
    /** Send what was written to {@code out}; then call again (with more input, or at once when output is pending). */
    CONTINUE_NEEDED,
    /** The input holds only part of a record: {@code missing()} more bytes are needed; nothing was consumed. */
    INCOMPLETE_MESSAGE,
    /** The server asked for a client certificate the credentials cannot provide (see {@code acceptableIssuers()}). */
    INCOMPLETE_CREDENTIALS,
    /** The output buffer cannot hold the next record: {@code missing()} says how large it must be; nothing was consumed. */
    BUFFER_TOO_SMALL,
    /** The peer sent close_notify: no more data will come. */
    CONTEXT_EXPIRED,
    /** A post-handshake handshake message arrived (ticket, KeyUpdate): call {@code step} to process it. */
    RENEGOTIATE
}
