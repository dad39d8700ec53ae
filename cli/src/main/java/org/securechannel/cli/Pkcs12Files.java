package org.securechannel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Reads the private key entries of a PKCS#12 key store ({@code keytool -storetype PKCS12}, {@code openssl pkcs12
 * -export}) with the password from a file: the file's first line, its line ending stripped. A file rather than
 * an option value, because a command line is visible to every user of the machine ({@code ps}).
 */
final class Pkcs12Files {
    /** Longer than any password file a person writes; the rest is not read. */
    private static final int MAX_PASSWORD_FILE = 64 * 1024;

    /** One key entry: its alias says which it was when a check fails. */
    record Entry(String alias, List<X509Certificate> chain, PrivateKey key) {
    }

    private Pkcs12Files() {
    }

    /** Every private key entry with its chain, in alias order (the store's own order is not defined). */
    static List<Entry> read(Path store, Path passwordFile) throws UsageException {
        char[] password = password(passwordFile);
        try {
            KeyStore ks = load(store, passwordFile, password);
            List<String> aliases = Collections.list(ks.aliases());
            Collections.sort(aliases);
            List<Entry> entries = new ArrayList<>();
            for (String alias : aliases) {
                if (ks.isKeyEntry(alias)) {
                    entries.add(entry(ks, alias, store, password));
                }
            }
            if (entries.isEmpty()) {
                throw new UsageException("no private key entry in " + store + " (only certificates)");
            }
            return entries;
        } catch (GeneralSecurityException e) {
            throw new UsageException("cannot read the key store " + store + ": " + PemFiles.oneLine(e), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static KeyStore load(Path store, Path passwordFile, char[] password)
            throws UsageException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password);
            return ks;
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + store);
        } catch (IOException e) {
            // The JDK reports a wrong password as an IOException caused by UnrecoverableKeyException.
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new UsageException("wrong password for " + store + " (the first line of " + passwordFile + ")");
            }
            throw new UsageException("cannot read " + store + " as a PKCS#12 key store: " + PemFiles.oneLine(e), e);
        }
    }

    private static Entry entry(KeyStore ks, String alias, Path store, char[] password)
            throws UsageException, GeneralSecurityException {
        Key key;
        try {
            key = ks.getKey(alias, password);
        } catch (UnrecoverableKeyException e) {
            throw new UsageException("the key '" + alias + "' in " + store + " has a password other than the store's");
        }
        if (!(key instanceof PrivateKey)) {
            throw new UsageException("the entry '" + alias + "' in " + store + " is not a private key");
        }
        Certificate[] chain = ks.getCertificateChain(alias);
        if (chain == null || chain.length == 0) {
            throw new UsageException("the key '" + alias + "' in " + store + " has no certificate");
        }
        List<X509Certificate> certs = new ArrayList<>();
        for (Certificate c : chain) {
            if (!(c instanceof X509Certificate)) {
                throw new UsageException("the key '" + alias + "' in " + store + " has a certificate that is not X.509");
            }
            certs.add((X509Certificate) c);
        }
        return new Entry(alias, certs, (PrivateKey) key);
    }

    /** The first line of the file (UTF-8), without its line ending; the bytes read are wiped after decoding. */
    static char[] password(Path file) throws UsageException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_PASSWORD_FILE);
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + file);
        } catch (IOException e) {
            throw new UsageException("cannot read the password file " + file + ": " + PemFiles.oneLine(e));
        }
        try {
            int end = 0;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, end));
            char[] password = new char[chars.remaining()];
            chars.get(password);
            Arrays.fill(chars.array(), '\0');
            return password;
        } catch (CharacterCodingException e) {
            throw new UsageException("the password file " + file + " is not UTF-8 text");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
