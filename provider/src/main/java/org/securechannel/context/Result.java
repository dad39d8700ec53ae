package org.securechannel.context;

/**
 * The outcome of {@code step}, {@code encrypt} or {@code decrypt}. How much was consumed and produced is
 * also visible as the buffers' positions; it is repeated here for convenience.
 *
 * @param status        what happened
 * @param bytesConsumed bytes taken from the input buffer
 * @param bytesProduced bytes written to the output buffer
 * @param missing       for INCOMPLETE_MESSAGE, how many more input bytes the next record needs at least;
 *                      for BUFFER_TOO_SMALL, the output capacity needed
 * @param outputPending true when the context has more to send: call again with an empty output buffer
 *                      before reading from the peer
 */
public record Result(Status status, int bytesConsumed, int bytesProduced, int missing, boolean outputPending) {
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(status.name()).append(" in=").append(bytesConsumed).append(" out=").append(bytesProduced);
        if (status == Status.INCOMPLETE_MESSAGE || status == Status.BUFFER_TOO_SMALL) {
            b.append(" missing=").append(missing);
        }
        if (outputPending) {
            b.append(" (output pending)");
        }
        return b.toString();
    }
}
