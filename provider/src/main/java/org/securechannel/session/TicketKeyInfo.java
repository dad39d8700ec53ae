package org.securechannel.session;

/**
 * One key of a ticket keyset as {@code ticket-keys list} shows it: no key material, only what an operator needs to
 * follow a rotation.
 *
 * @param id      the key id Tink writes in the keyset and puts in front of every ticket the key seals (unsigned)
 * @param status  {@code ENABLED} (opens tickets; seals them too if primary) or {@code DISABLED} (opens nothing)
 * @param primary whether this key seals new tickets
 */
public record TicketKeyInfo(long id, String status, boolean primary) {
    @Override
    public String toString() {
        return id + " " + status + (primary ? " primary" : "");
    }
}
