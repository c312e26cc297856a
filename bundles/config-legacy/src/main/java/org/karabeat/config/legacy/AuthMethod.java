package org.karabeat.config.legacy;

import java.util.Arrays;
import java.util.Optional;

/** An {@code authkeys} signing method. */
public enum AuthMethod {
    /** CRC-32: no key, no security; only detects corruption. */
    CRC("crc", false),
    /** HMAC-MD5. */
    MD5("md5", true),
    /** HMAC-SHA1: what a cluster mixing Karabeat and classic heartbeat nodes should use. */
    SHA1("sha1", true),
    /** HMAC-SHA256: Karabeat only; the classic daemon refuses an authkeys file naming it. */
    SHA256("sha256", true);

    private final String fileName;
    private final boolean needsKey;

    AuthMethod(String fileName, boolean needsKey) {
        this.fileName = fileName;
        this.needsKey = needsKey;
    }

    /** The name written in {@code authkeys} (lower case; heartbeat's method names are case-sensitive). */
    public String fileName() {
        return fileName;
    }

    /** Whether the method takes a key. */
    public boolean needsKey() {
        return needsKey;
    }

    /** The method written exactly {@code name} in {@code authkeys}. */
    public static Optional<AuthMethod> fromFileName(String name) {
        return Arrays.stream(values()).filter(m -> m.fileName.equals(name)).findFirst();
    }
}
