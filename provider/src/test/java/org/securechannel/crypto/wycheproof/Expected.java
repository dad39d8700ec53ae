package org.securechannel.crypto.wycheproof;

/** What an implementation must do with a vector. */
public enum Expected {
    /** Succeed, with exactly the vector's answer. */
    ACCEPT,
    /** Fail with the API's typed failure (an alert, a false verification, ...). */
    REJECT
}
