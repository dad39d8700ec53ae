/**
 * Resumption building blocks (RFC 8446 §2.2, §4.6.1, §8; RFC 5077): what a session is ({@link
 * org.securechannel.session.SessionState}), how a server seals it into tickets ({@link
 * org.securechannel.session.TicketSealer}, {@link org.securechannel.session.SessionTickets}; Tink keysets in
 * {@link org.securechannel.session.TinkTicketSealer} and {@link org.securechannel.session.TinkTicketKeys}, the only
 * classes that use Tink), where a client keeps them ({@link org.securechannel.session.ClientSessionStore}), and
 * 0-RTT anti-replay ({@link org.securechannel.session.EarlyDataReplayGuard}, {@link
 * org.securechannel.session.TicketAgeWindow}).
 *
 * <p>This package imports only codec and crypto (ArchitectureTest); the handshake uses it through these
 * interfaces and values. Nothing here logs or prints a secret or key.
 */
package org.securechannel.session;
