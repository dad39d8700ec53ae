package org.securechannel.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.securechannel.context.Result;
import org.securechannel.context.SecurityContext;
import org.securechannel.context.SecurityContextException;
import org.securechannel.context.Status;
import org.securechannel.testing.Pipe;

/**
 * A whole connection between the deterministic client and server of {@link FuzzWorld}, recorded per
 * direction: the handshake, data both ways, a KeyUpdate each way (the server's asks for one back), and
 * close_notify. These are the valid flights the engine targets' seeds start from.
 */
record Flights(byte[] clientToServer, byte[] serverToClient) {

    static Flights record() throws SecurityContextException {
        ByteArrayOutputStream c2s = new ByteArrayOutputStream();
        ByteArrayOutputStream s2c = new ByteArrayOutputStream();
        try (SecurityContext client = FuzzWorld.deterministicClient(FuzzWorld.clientCredentials(false));
                SecurityContext server = FuzzWorld.deterministicServer(FuzzWorld.serverCredentials())) {
            Pipe toServer = new Pipe();
            Pipe toClient = new Pipe();
            for (int i = 0; i < 10 && !(client.isEstablished() && server.isEstablished()); i++) {
                Pipe out = new Pipe();
                Drive.step(client, toClient, out, 0);
                byte[] b = out.drain();
                c2s.writeBytes(b);
                toServer.write(b);
                out = new Pipe();
                Drive.step(server, toServer, out, 0);
                b = out.drain();
                s2c.writeBytes(b);
                toClient.write(b);
            }
            if (!client.isEstablished() || !server.isEstablished()) {
                throw new AssertionError("the deterministic pair did not complete its handshake");
            }
            s2c.writeBytes(encrypt(server, "hello from the server"));
            server.requestKeyUpdate(true);
            s2c.writeBytes(encrypt(server, "after the server's key update"));
            c2s.writeBytes(encrypt(client, "hello from the client"));
            client.requestKeyUpdate(false);
            c2s.writeBytes(encrypt(client, "after the client's key update"));
            s2c.writeBytes(closeNotify(server));
            c2s.writeBytes(closeNotify(client));
        }
        return new Flights(c2s.toByteArray(), s2c.toByteArray());
    }

    private static byte[] encrypt(SecurityContext ctx, String text) throws SecurityContextException {
        ByteBuffer out = ByteBuffer.allocate(4096);
        Result r = ctx.encrypt(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), out);
        if (r.status() != Status.OK || r.outputPending()) {
            throw new AssertionError("encrypt: " + r);
        }
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    private static byte[] closeNotify(SecurityContext ctx) throws SecurityContextException {
        ctx.shutdown();
        ByteBuffer out = ByteBuffer.allocate(4096);
        ctx.step(ByteBuffer.allocate(0), out);
        return java.util.Arrays.copyOf(out.array(), out.position());
    }
}
