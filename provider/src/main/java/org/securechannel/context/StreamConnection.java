package org.securechannel.context;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

/**
 * The {@link ConnectionDriver} run on blocking streams, for the SSLSocket and the CLI: reads the peer's bytes
 * when the driver needs them, writes what it staged, and keeps what it did not consume (a partial record, or
 * application data that came with the last handshake flight) for the next call.
 *
 * <p>Locks are the caller's: {@link #read} under its read lock, {@link #write} and {@link #closeOutbound} under
 * the write lock (the driver's outbound lock), {@link #handshake} under both, read lock first. Reading takes the
 * write lock itself to send a reply to a post-handshake message.
 *
 * <p>Timeouts: SO_TIMEOUT bounds each read, with a SocketTimeoutException after which the connection stays
 * usable. The driver's handshake timeout bounds the whole handshake: past it the handshake fails with
 * TIMED_OUT (caused by a SocketTimeoutException), whatever SO_TIMEOUT says.
 *
 * <p>Memory: buffers grow with what arrives, not with what could arrive, drop to nothing when the handshake
 * ends with nothing pending, and are let go by {@link #release}.
 */
public final class StreamConnection {
    /**
     * {@code received} holds the bytes read and not yet consumed plus at most this much room: a record header
     * may announce 16 KiB; we read towards it in steps, so a connection that has sent little costs little.
     */
    private static final int READ_ROOM = 4096;
    /** The least room a read is given: a handshake record usually arrives in one read, not header then body. */
    private static final int MIN_READ_ROOM = 1024;
    /**
     * How long a failure (here) or a close (the SSLSocket's) waits for a concurrent writer before it gives up on
     * sending its alert or close_notify: a peer that stopped reading must not hold a closing thread for long.
     */
    public static final long WRITER_WAIT_MILLIS = 1000;

    private final ConnectionDriver driver;
    private final InputStream in;
    private final OutputStream out;
    /** Whose SO_TIMEOUT bounds reads (for an SSLSocket, itself: it passes the setting on to its transport). */
    private final Socket timeouts;
    private final Lock writeLock;

    /** Peer bytes not yet consumed, read mode. Read side. */
    private ByteBuffer received;
    /** Decrypted bytes not yet handed out, read mode; sized to the records that came. Read side. */
    private ByteBuffer plain = none();
    /** Records of the application's writes; sized to them. Write side. */
    private ByteBuffer records = none();
    /** The transport ended (after close_notify or without it: {@link ConnectionDriver#peerClosed()} says). */
    private volatile boolean ended;

    /**
     * @param alreadyRead bytes of the peer's already taken from {@code in} (may be null)
     */
    public StreamConnection(ConnectionDriver driver, InputStream in, OutputStream out, Socket timeouts, Lock writeLock,
            byte[] alreadyRead) {
        this.driver = driver;
        this.in = in;
        this.out = out;
        this.timeouts = timeouts;
        this.writeLock = writeLock;
        this.received = alreadyRead == null || alreadyRead.length == 0 ? none() : ByteBuffer.wrap(alreadyRead.clone());
    }

    private static ByteBuffer none() {
        return ByteBuffer.allocate(0);
    }

    public ConnectionDriver driver() {
        return driver;
    }

    // ================================================================ the handshake

    /** Runs the handshake to its end. Application data that came with the peer's last flight stays for {@link #read}. */
    public void handshake() throws IOException {
        try {
            while (true) {
                Result r = driver.handshake(received);
                driver.sendTo(out);
                if (r.status() == Status.OK) {
                    // Idle connections keep no handshake-sized buffers.
                    if (!received.hasRemaining()) {
                        received = none();
                    }
                    return;
                }
                int missing = ConnectionDriver.bytesToRead(r, received);
                if (missing > 0 && !fillInHandshake(missing)) {
                    throw driver.endedInHandshake(new EOFException("the connection closed before the handshake completed"));
                }
            }
        } catch (ConnectionFailure f) {
            sendAlert();
            throw f;
        }
    }

    /**
     * A read bounded by the handshake deadline as well as by SO_TIMEOUT, whichever comes first: SO_TIMEOUT gives
     * the usual SocketTimeoutException (the handshake goes on with the next call); the deadline a TIMED_OUT failure.
     */
    private boolean fillInHandshake(int missing) throws IOException {
        long left = driver.handshakeMillisLeft();
        if (left == Long.MAX_VALUE) {
            return fill(missing);
        }
        if (left == 0) {
            throw driver.handshakeTimedOut(null);
        }
        int soTimeout = timeouts.getSoTimeout();
        boolean deadlineFirst = soTimeout == 0 || left < soTimeout;
        if (deadlineFirst) {
            timeouts.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        }
        try {
            return fill(missing);
        } catch (SocketTimeoutException e) {
            throw deadlineFirst ? driver.handshakeTimedOut(e) : e;
        } finally {
            if (deadlineFirst) {
                try {
                    timeouts.setSoTimeout(soTimeout);
                } catch (SocketException closedMeanwhile) {
                    // nothing to restore on a closed socket
                }
            }
        }
    }

    // ================================================================ reading

    /**
     * Up to {@code len} bytes of the peer's application data; -1 once its close_notify came or the transport
     * ended ({@link ConnectionDriver#peerClosed()} tells which). A post-handshake message is processed and its
     * reply sent on the way.
     */
    public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
            if (plain.hasRemaining()) {
                int n = Math.min(len, plain.remaining());
                plain.get(b, off, n);
                return n;
            }
            if (ended || driver.peerClosed()) {
                return -1;
            }
            if (received.hasRemaining()) {
                decrypt();
            } else {
                ended |= !fill(1);
            }
        }
    }

    /** Decrypted bytes ready to be read without blocking. */
    public int available() {
        return plain.remaining();
    }

    /** Decrypts what {@code received} holds into {@code plain}, reading more when a record is incomplete. */
    private void decrypt() throws IOException {
        int arrived = Math.min(received.remaining(), ConnectionDriver.MAX_RECORD);
        if (plain.capacity() < arrived) {
            // A record's content is shorter than the record: room for what arrived is room for its records.
            plain = ByteBuffer.allocate(arrived);
        }
        plain.clear();
        Result r;
        try {
            r = driver.receive(received, plain);
        } catch (ConnectionFailure f) {
            plain.flip().limit(0);
            sendAlert();
            throw f;
        }
        plain.flip();
        if (driver.wantsToSend()) {
            sendOwed(); // a KeyUpdate reply
        }
        if (r.status() == Status.INCOMPLETE_MESSAGE && !plain.hasRemaining()) {
            ended |= !fill(r.missing());
        } else if (r.status() == Status.BUFFER_TOO_SMALL) {
            plain = ByteBuffer.allocate(Math.max(r.missing(), plain.capacity())).flip();
        }
        // otherwise progress was made, or close_notify came
    }

    private void sendOwed() throws IOException {
        writeLock.lock();
        try {
            driver.produceOwed();
            driver.sendTo(out);
        } catch (ConnectionFailure f) {
            sendAlert();
            throw f;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Reads once more towards {@code missing} bytes; false at the end of the stream. {@code received} grows by at
     * most {@link #READ_ROOM} beyond what it holds, whatever a header announced.
     */
    private boolean fill(int missing) throws IOException {
        received.compact();
        int wanted = Math.min(Math.max(missing, 1), READ_ROOM);
        if (received.remaining() < wanted) {
            ByteBuffer bigger = ByteBuffer.allocate(received.position() + Math.max(wanted, MIN_READ_ROOM));
            received.flip();
            bigger.put(received);
            received = bigger;
        }
        int n;
        try {
            n = in.read(received.array(), received.arrayOffset() + received.position(), received.remaining());
        } catch (IOException e) {
            received.flip(); // back to read mode: a caller that retries after a timeout loses nothing
            throw e;
        }
        if (n > 0) {
            received.position(received.position() + n);
        }
        received.flip();
        return n >= 0;
    }

    // ================================================================ writing

    /** Encrypts and sends all of {@code b[off, off + len)}, as whole records. */
    public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer p = ByteBuffer.wrap(b, off, len);
        try {
            while (p.hasRemaining()) {
                records.clear();
                Result r = driver.protect(p, records);
                if (r.status() == Status.BUFFER_TOO_SMALL) {
                    // Sized to the writes: small ones keep a small buffer, and it doubles towards a full record.
                    int overhead = r.missing() - Math.min(p.remaining(), ConnectionDriver.MAX_FRAGMENT);
                    int fullRecord = ConnectionDriver.MAX_FRAGMENT + overhead;
                    records = ByteBuffer.allocate(Math.max(r.missing(), Math.min(2 * records.capacity(), fullRecord)));
                    continue;
                }
                records.flip();
                out.write(records.array(), records.arrayOffset(), records.remaining());
                out.flush();
                if (driver.wantsToSend()) {
                    driver.produceOwed(); // e.g. a KeyUpdate the context owes the peer
                    driver.sendTo(out);
                }
            }
        } catch (ConnectionFailure f) {
            sendAlert();
            throw f;
        }
    }

    // ================================================================ closing

    /** Sends what a second handshake request owes (a KeyUpdate on TLS 1.3; nothing on TLS 1.2). Under the write lock. */
    public void keyUpdate() throws IOException {
        if (driver.requestKeyUpdate()) {
            sendAllOwed();
        }
    }

    /** Sends close_notify; nothing after a failure or a second time. Under the write lock. */
    public void closeOutbound() throws IOException {
        if (driver.closeRequested() || driver.failure() != null) {
            return;
        }
        driver.closeOutbound();
        sendAllOwed();
    }

    private void sendAllOwed() throws IOException {
        try {
            for (int i = 0; i < 16 && driver.wantsToSend(); i++) {
                driver.produceOwed();
                driver.sendTo(out);
            }
        } catch (ConnectionFailure f) {
            sendAlert();
            throw f;
        }
    }

    /** Best effort: the alert a failure staged, if a concurrent writer lets us within a second. */
    private void sendAlert() {
        if (driver.staged() == 0) {
            return;
        }
        boolean locked = false;
        try {
            locked = writeLock.tryLock(WRITER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (locked) {
                driver.sendTo(out);
            }
        } catch (IOException ignored) {
            // the peer may be gone already; the failure is what matters
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (locked) {
                writeLock.unlock();
            }
        }
    }

    /** Lets the buffers go (after close); the caller holds both locks. */
    public void release() {
        received = none();
        plain = none();
        records = none();
    }
}
