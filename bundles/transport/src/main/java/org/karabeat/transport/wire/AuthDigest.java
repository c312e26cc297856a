package org.karabeat.transport.wire;

import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.karabeat.config.legacy.AuthKey;
import org.karabeat.config.legacy.AuthMethod;

/**
 * One {@code authkeys} key as heartbeat's HBauth plugins compute it: the digest of some bytes, written as the
 * plugin writes it. Immutable and safe to share between threads.
 */
abstract class AuthDigest {

    /** Longest digest text: sha256, 64 hex digits. */
    static final int MAX_HEX = 64;

    static AuthDigest of(AuthKey key) {
        AuthMethod method = key.method();
        switch (method) {
            case CRC:
                return CrcDigest.INSTANCE;
            case MD5:
                return new HmacDigest(method, new MD5Digest(), cString(key.secretBytes()));
            case SHA1:
                return new HmacDigest(method, new SHA1Digest(), cString(key.secretBytes()));
            case SHA256:
                return new HmacDigest(method, new SHA256Digest(), cString(key.secretBytes()));
            default:
                throw new IllegalArgumentException("unsupported authentication method " + method);
        }
    }

    /** heartbeat keys are C strings: the plugins take strlen(key), so a NUL ends the key. */
    private static byte[] cString(byte[] secret) {
        for (int i = 0; i < secret.length; i++) {
            if (secret[i] == 0) {
                return java.util.Arrays.copyOf(secret, i);
            }
        }
        return secret;
    }

    abstract AuthMethod method();

    /**
     * Writes the digest of {@code data[off, off+len)} as heartbeat prints it into {@code out} (at least
     * {@link #MAX_HEX} bytes) and returns its length.
     */
    abstract int hex(byte[] data, int off, int len, byte[] out);

    /** Whether a digest text of that length can come from this method (sha1 40, md5 32, crc 1 to 8...). */
    abstract boolean plausibleLength(int hexLength);
}
