package org.karabeat.config.legacy;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One key line of {@code authkeys}: {@code <index> <method> [<key>]}. {@link #toString()} never shows the
 * secret.
 */
public final class AuthKey {

    private final int index;
    private final AuthMethod method;
    private final String secret;
    private final int line;

    /**
     * @param secret the key as read (each char is one byte of the file, ISO-8859-1); empty for crc
     */
    public AuthKey(int index, AuthMethod method, String secret, int line) {
        this.index = index;
        this.method = Objects.requireNonNull(method, "method");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.line = line;
    }

    /** 0..15. */
    public int index() {
        return index;
    }

    public AuthMethod method() {
        return method;
    }

    /** The key, one char per byte of the file; empty for crc. Prefer {@link #secretBytes()} for signing. */
    public String secret() {
        return secret;
    }

    /** The exact bytes of the key as they are in the file, which is what heartbeat signs with. */
    public byte[] secretBytes() {
        return secret.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The {@code authkeys} line. */
    public int line() {
        return line;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthKey k && k.index == index && k.method == method && k.secret.equals(secret)
                && k.line == line;
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, method, secret, line);
    }

    @Override
    public String toString() {
        return "AuthKey[index=" + index + ", method=" + method + ", secret=<hidden>, line=" + line + "]";
    }
}
