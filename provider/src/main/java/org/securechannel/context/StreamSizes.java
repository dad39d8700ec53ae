package org.securechannel.context;

/**
 * Sizes for message protection, after Schannel's SecPkgContext_StreamSizes.
 *
 * @param header         bytes before the ciphertext in each record
 * @param trailer        most bytes after the plaintext in each record (inner type, padding, tag)
 * @param maximumMessage most plaintext bytes per record
 * @param maximumRecord  largest record the peer may send us, header included
 */
public record StreamSizes(int header, int trailer, int maximumMessage, int maximumRecord) {
}
