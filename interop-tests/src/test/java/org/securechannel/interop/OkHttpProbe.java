package org.securechannel.interop;

import java.io.FileInputStream;
import java.io.InputStream;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.securechannel.SecureChannelProvider;

/**
 * One OkHttp GET over a SecureChannel SSLContext, written against the API OkHttp 4 and 5 share, so the same
 * code runs on OkHttp 5 in the test JVM and on OkHttp 4.12 in a child JVM ({@link OkHttpTest}): one artifact
 * cannot be on a class path twice. Reports what the test checks: the OkHttp version that ran, the protocol
 * ALPN chose, the body (which names the server's session class), and the class of the socket and session
 * OkHttp's connection really used (from its EventListener, not from what OkHttp copies into Handshake).
 */
public final class OkHttpProbe {
    private OkHttpProbe() {
    }

    static Map<String, String> get(SSLContext context, X509TrustManager trust, String url, boolean http2) throws Exception {
        AtomicReference<SSLSocket> socket = new AtomicReference<>();
        OkHttpClient client = new OkHttpClient.Builder()
                .sslSocketFactory(context.getSocketFactory(), trust)
                .protocols(http2 ? List.of(Protocol.HTTP_2, Protocol.HTTP_1_1) : List.of(Protocol.HTTP_1_1))
                .eventListener(new EventListener() {
                    @Override
                    public void connectionAcquired(Call call, Connection connection) {
                        socket.set((SSLSocket) connection.socket());
                    }
                })
                .callTimeout(20, TimeUnit.SECONDS)
                .build();
        Map<String, String> out = new LinkedHashMap<>();
        try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            // OkHttp.VERSION is a compile-time constant: read it reflectively, or javac would inline 5.x here.
            out.put("version", String.valueOf(Class.forName("okhttp3.OkHttp").getField("VERSION").get(null)));
            out.put("code", String.valueOf(response.code()));
            out.put("protocol", response.protocol().toString());
            out.put("body", response.body().string());
            out.put("tlsVersion", response.handshake().tlsVersion().javaName());
            out.put("socket", socket.get().getClass().getName());
            out.put("session", socket.get().getSession().getClass().getName());
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
        return out;
    }

    /** Child JVM: {@code URL TRUST_STORE.p12 PASSWORD}; prints {@code h1.key=value} and {@code h2.key=value} lines. */
    public static void main(String[] args) throws Exception {
        KeyStore roots = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(args[1])) {
            roots.load(in, args[2].toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(roots);
        X509TrustManager trust = (X509TrustManager) tmf.getTrustManagers()[0];
        for (boolean http2 : new boolean[] {false, true}) {
            String prefix = http2 ? "h2." : "h1.";
            // A context per request: each is a full handshake (resumption is OkHttpTest.okHttp5ResumedConnection's).
            SSLContext context = SSLContext.getInstance("TLS", new SecureChannelProvider());
            context.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
            try {
                get(context, trust, args[0] + (http2 ? "/h2" : "/h1"), http2).forEach((k, v) -> System.out.println(prefix + k + "=" + v));
            } catch (Exception e) {
                System.out.println(prefix + "error=" + e);
                e.printStackTrace(System.out);
            }
        }
        System.out.println("done=true");
    }
}
