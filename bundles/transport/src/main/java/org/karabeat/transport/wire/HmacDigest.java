package org.karabeat.transport.wire;

import java.util.Arrays;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.ExtendedDigest;
import org.bouncycastle.util.Memoable;
import org.karabeat.config.legacy.AuthMethod;

/**
 * HMAC as heartbeat's md5 and sha1 plugins compute it (clplumbing {@code md5.c HMAC()}, HBauth
 * {@code sha1.c}): RFC 2104 over the 64-byte block, a key longer than the block replaced by its hash, the
 * key ending at its first NUL; printed as lowercase hex. Both are plain HMAC-MD5 / HMAC-SHA1 (checked against
 * RFC 2202 and against captures of the real daemon). sha256 (Karabeat only) is HMAC-SHA256 the same way.
 * <p>
 * The digest states after the inner and the outer pad are computed once and copied per call, so this object
 * is immutable, shareable between threads, and costs two digest copies per message.
 */
final class HmacDigest extends AuthDigest {

    private final AuthMethod method;
    private final Memoable innerAfterPad;
    private final Memoable outerAfterPad;
    private final int size;

    HmacDigest(AuthMethod method, ExtendedDigest prototype, byte[] key) {
        this.method = method;
        this.size = prototype.getDigestSize();
        int block = prototype.getByteLength();
        byte[] k = key;
        if (k.length > block) {
            prototype.update(k, 0, k.length);
            k = new byte[size];
            prototype.doFinal(k, 0);
        }
        byte[] pad = new byte[block];
        this.innerAfterPad = padded(prototype, k, pad, (byte) 0x36);
        this.outerAfterPad = padded(prototype, k, pad, (byte) 0x5c);
        Arrays.fill(pad, (byte) 0);
        if (k != key) {
            Arrays.fill(k, (byte) 0);
        }
    }

    private static Memoable padded(ExtendedDigest prototype, byte[] key, byte[] pad, byte xor) {
        ExtendedDigest d = (ExtendedDigest) ((Memoable) prototype).copy();
        d.reset();
        for (int i = 0; i < pad.length; i++) {
            pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ xor);
        }
        d.update(pad, 0, pad.length);
        return (Memoable) d;
    }

    @Override
    AuthMethod method() {
        return method;
    }

    @Override
    int hex(byte[] data, int off, int len, byte[] out) {
        Digest inner = (Digest) innerAfterPad.copy();
        inner.update(data, off, len);
        byte[] h = new byte[size];
        inner.doFinal(h, 0);
        Digest outer = (Digest) outerAfterPad.copy();
        outer.update(h, 0, size);
        outer.doFinal(h, 0);
        return Bytes.putHex(h, size, out);
    }

    @Override
    boolean plausibleLength(int hexLength) {
        return hexLength == 2 * size;
    }

    @Override
    public String toString() {
        return "HMAC-" + method; // never the key
    }
}
