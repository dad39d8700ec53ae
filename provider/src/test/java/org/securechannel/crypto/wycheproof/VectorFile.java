package org.securechannel.crypto.wycheproof;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One Wycheproof JSON file, parsed once per JVM (several implementations run the same file). */
public final class VectorFile {
    private static final Map<String, VectorFile> LOADED = new ConcurrentHashMap<>();

    private final String name;
    private final String algorithm;
    private final List<TestGroup> groups;

    private VectorFile(String name, Map<String, Object> root) {
        Fields fields = new Fields(name, root);
        this.name = name;
        this.algorithm = fields.string("algorithm");
        List<TestGroup> gs = new ArrayList<>();
        List<Object> raw = fields.list("testGroups");
        for (int i = 0; i < raw.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> g = (Map<String, Object>) raw.get(i);
            gs.add(new TestGroup(name, i, g));
        }
        this.groups = List.copyOf(gs);
    }

    /** {@code name} without ".json", e.g. "aes_gcm_test", from the shared vector folder ({@link VectorFolder}). */
    public static VectorFile load(String name) {
        return LOADED.computeIfAbsent(name, VectorFile::read);
    }

    private static VectorFile read(String name) {
        Path path = VectorFolder.locate().resolve(name + ".json");
        if (!Files.isRegularFile(path)) {
            throw new AssertionError("Wycheproof file missing: " + path);
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> root = (Map<String, Object>) Json.parse(Files.readString(path, StandardCharsets.UTF_8));
            return new VectorFile(name + ".json", root);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }

    public String name() {
        return name;
    }

    public String algorithm() {
        return algorithm;
    }

    public List<TestGroup> groups() {
        return groups;
    }
}
