package org.securechannel.codec;

/** Alert levels (RFC 8446 §6). In TLS 1.3 every alert but close_notify and user_canceled is fatal. */
public enum AlertLevel {
    WARNING(1),
    FATAL(2);

    private final int code;

    AlertLevel(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static AlertLevel of(int code) {
        return code == 1 ? WARNING : code == 2 ? FATAL : null;
    }
}
