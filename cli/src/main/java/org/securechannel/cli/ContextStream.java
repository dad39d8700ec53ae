package org.securechannel.cli;

import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import org.securechannel.context.ConnectionDriver;
import org.securechannel.context.ConnectionFailure;
import org.securechannel.context.Credentials;
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.StreamConnection;

/**
 * A security context on a TCP socket, for the demo, the client and the server: the provider's connection driver
 * on the socket's streams ({@link StreamConnection}, which the SSLSocket uses too), with the CLI's own
 * conventions on top: a message-at-a-time {@link #read}, a truncated connection as an EOFException, and the
 * context's failure reason in the exception.
 *
 * <p>Threads: one thread may {@link #read} while another {@link #write}s, as the context allows. Everything
 * that sends (handshake, encrypt, post-handshake replies, close_notify) holds {@code writeLock} from producing a
 * record until it is on the socket, so records leave in the order the context protected them.
 */
public final class ContextStream implements AutoCloseable {
    /** Sees every call's result, e.g. for the demo's step-by-step trace. */
    public interface Trace {
        void result(String operation, Result result);
    }

    private final SecurityContext context;
    private final Socket socket;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ConnectionDriver driver;
    private final StreamConnection connection;
    /** What one read hands out: at most the plaintext of the records that arrived together. Reading thread. */
    private byte[] chunk;

    /**
     * @param credentials the credentials the context was made with: their handshake timeout bounds
     *                    {@link #handshake} (null: no limit)
     * @param trace       sees each result; null for none
     */
    public ContextStream(SecurityContext context, Socket socket, Credentials credentials, Trace trace) throws IOException {
        this.context = context;
        this.socket = socket;
        this.driver = new ConnectionDriver(context, credentials == null ? null : credentials.handshakeTimeout(), writeLock);
        if (trace != null) {
            driver.listener(trace::result);
        }
        this.connection = new StreamConnection(driver, socket.getInputStream(), socket.getOutputStream(), socket, writeLock, null);
    }

    public SecurityContext context() {
        return context;
    }

    public Socket socket() {
        return socket;
    }

    /** Runs the handshake to OK. Application data that came with the peer's last flight stays for {@link #read}. */
    public void handshake() throws IOException {
        readLock.lock();
        writeLock.lock();
        try {
            connection.handshake();
        } catch (ConnectionFailure e) {
            throw failure(e);
        } finally {
            writeLock.unlock();
            readLock.unlock();
        }
    }

    /** Encrypts and sends all of {@code data}, as whole records. */
    public void write(byte[] data) throws IOException {
        write(data, 0, data.length);
    }

    public void write(byte[] data, int offset, int length) throws IOException {
        writeLock.lock();
        try {
            if (driver.closeRequested()) {
                throw new IOException("cannot write after close_notify");
            }
            connection.write(data, offset, length);
        } catch (ConnectionFailure e) {
            throw failure(e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * The next application data from the peer, or null once the peer's close_notify arrived (and forever
     * after). A post-handshake message (ticket, KeyUpdate) is processed, its answer sent, and reading goes on.
     *
     * @throws EOFException when the connection ends without close_notify (a truncation attack, or a crash)
     */
    public byte[] read() throws IOException {
        readLock.lock();
        try {
            if (chunk == null) {
                chunk = new byte[ConnectionDriver.MAX_RECORD];
            }
            int n = connection.read(chunk, 0, chunk.length);
            if (n >= 0) {
                return Arrays.copyOf(chunk, n);
            }
            if (driver.peerClosed()) {
                return null;
            }
            throw new EOFException("the peer closed the connection without close_notify");
        } catch (ConnectionFailure e) {
            throw failure(e);
        } finally {
            readLock.unlock();
        }
    }

    /** Whether the peer's close_notify has arrived. */
    public boolean peerClosed() {
        return driver.peerClosed();
    }

    /** Sends close_notify; later writes fail. Does nothing after a fatal alert. */
    public void closeOutbound() throws IOException {
        writeLock.lock();
        try {
            connection.closeOutbound();
        } catch (ConnectionFailure e) {
            throw failure(e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Sends close_notify if the handshake completed and none was sent, then closes the socket and the context. */
    @Override
    public void close() {
        try {
            if (driver.finished() && driver.failure() == null && !socket.isClosed()) {
                closeOutbound();
            }
        } catch (IOException | RuntimeException ignored) {
            // The peer may be gone already; closing must still release the socket and the keys.
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
            context.close();
        }
    }

    /** The context's refusal keeps its reason (TlsFailureException); the driver's other failures say what happened. */
    private static IOException failure(ConnectionFailure e) {
        return e.contextFailure() != null ? new TlsFailureException(e.contextFailure()) : e;
    }
}
