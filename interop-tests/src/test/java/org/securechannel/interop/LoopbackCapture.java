package org.securechannel.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback TCP relay that records what passes through it, and writes that as a pcap file of one TCP connection
 * (127.0.0.1:40000 to 127.0.0.1:443, raw IPv4 link type), for tshark to read. Capturing on an interface needs
 * privileges and is timing-sensitive; a relay sees exactly the bytes a capture would. One connection, then done.
 */
final class LoopbackCapture implements AutoCloseable {
    static final int CLIENT_PORT = 40000;
    static final int SERVER_PORT = 443;
    private static final int SEGMENT = 1400;

    private record Chunk(boolean fromClient, byte[] data) {
    }

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Chunk> chunks = new ArrayList<>();
    private final Thread relay;
    private volatile IOException failure;

    LoopbackCapture(int targetPort) throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.relay = new Thread(this::relayOne, "loopback-capture");
        relay.setDaemon(true);
        relay.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void relayOne() {
        try (Socket client = listener.accept(); Socket server = new Socket()) {
            client.setSoTimeout(30_000);
            server.connect(target, 10_000);
            server.setSoTimeout(30_000);
            Thread back = new Thread(() -> pump(server, client, false), "loopback-capture-back");
            back.setDaemon(true);
            back.start();
            pump(client, server, true);
            back.join(30_000);
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        byte[] buffer = new byte[16384];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (chunks) {
                    chunks.add(new Chunk(fromClient, java.util.Arrays.copyOf(buffer, n)));
                }
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // The other side closed: the capture ends here, as a real one would.
        }
    }

    /** Waits (bounded) for the connection to end and writes what passed as a pcap file. */
    void writePcap(Path file) throws IOException, InterruptedException {
        relay.join(60_000);
        if (failure != null) {
            throw failure;
        }
        List<Chunk> copy;
        synchronized (chunks) {
            copy = List.copyOf(chunks);
        }
        ByteArrayOutputStream pcap = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(101);
        pcap.write(header.array());
        long clientSeq = 1000;
        long serverSeq = 5000;
        int[] clock = {0};
        packet(pcap, clock, true, clientSeq++, 0, SYN, new byte[0]);
        packet(pcap, clock, false, serverSeq++, clientSeq, SYN | ACK, new byte[0]);
        packet(pcap, clock, true, clientSeq, serverSeq, ACK, new byte[0]);
        for (Chunk c : copy) {
            for (int off = 0; off < c.data.length; off += SEGMENT) {
                byte[] segment = java.util.Arrays.copyOfRange(c.data, off, Math.min(c.data.length, off + SEGMENT));
                if (c.fromClient) {
                    packet(pcap, clock, true, clientSeq, serverSeq, PSH | ACK, segment);
                    clientSeq += segment.length;
                } else {
                    packet(pcap, clock, false, serverSeq, clientSeq, PSH | ACK, segment);
                    serverSeq += segment.length;
                }
            }
        }
        packet(pcap, clock, true, clientSeq++, serverSeq, FIN | ACK, new byte[0]);
        packet(pcap, clock, false, serverSeq++, clientSeq, FIN | ACK, new byte[0]);
        packet(pcap, clock, true, clientSeq, serverSeq, ACK, new byte[0]);
        Files.write(file, pcap.toByteArray());
    }

    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int PSH = 0x08;
    private static final int ACK = 0x10;

    private static void packet(ByteArrayOutputStream pcap, int[] clock, boolean fromClient, long seq, long ack, int flags,
            byte[] payload) {
        int length = 20 + 20 + payload.length;
        ByteBuffer p = ByteBuffer.allocate(length);
        // IPv4 (RFC 791), 127.0.0.1 both ways.
        p.put((byte) 0x45).put((byte) 0).putShort((short) length).putShort((short) clock[0]).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0).putInt(0x7f000001).putInt(0x7f000001);
        p.putShort(10, (short) checksum(p.array(), 0, 20, 0));
        // TCP (RFC 9293), no options.
        int tcp = 20;
        p.putShort((short) (fromClient ? CLIENT_PORT : SERVER_PORT)).putShort((short) (fromClient ? SERVER_PORT : CLIENT_PORT))
                .putInt((int) seq).putInt((int) ack).put((byte) 0x50).put((byte) flags).putShort((short) 0xffff)
                .putShort((short) 0).putShort((short) 0).put(payload);
        long pseudo = 0x7f00 + 0x0001 + 0x7f00 + 0x0001 + 6 + (length - tcp);
        p.putShort(tcp + 16, (short) checksum(p.array(), tcp, length - tcp, pseudo));
        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        int micros = clock[0]++ * 1000;
        record.putInt(1_700_000_000 + micros / 1_000_000).putInt(micros % 1_000_000).putInt(length).putInt(length);
        pcap.writeBytes(record.array());
        pcap.writeBytes(p.array());
    }

    /** The Internet checksum (RFC 1071) of {@code length} bytes from {@code offset}, starting from {@code sum}. */
    private static int checksum(byte[] b, int offset, int length, long sum) {
        for (int i = 0; i < length; i += 2) {
            int hi = b[offset + i] & 0xFF;
            int lo = i + 1 < length ? b[offset + i + 1] & 0xFF : 0;
            sum += hi << 8 | lo;
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) ~sum & 0xffff;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        relay.interrupt();
    }
}
