package org.karabeat.transport.wire;

import java.nio.charset.StandardCharsets;

/** Small byte-array helpers shared by the readers and writers; none allocates. */
final class Bytes {

    static final byte[] NETSTRING_START = ascii("###\n");
    static final byte[] NETSTRING_END = ascii("%%%\n");
    static final byte[] CLASSIC_START = ascii(">>>\n");
    static final byte[] CLASSIC_END = ascii("<<<\n");
    private static final byte[] HEX = ascii("0123456789abcdef");

    private Bytes() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Whether {@code b[off, off+len)} is exactly {@code expected}. */
    static boolean equalsAt(byte[] b, int off, int len, byte[] expected) {
        if (len != expected.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[off + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code b[off, end)} starts with {@code prefix}. */
    static boolean startsWith(byte[] b, int off, int end, byte[] prefix) {
        return end - off >= prefix.length && equalsAt(b, off, prefix.length, prefix);
    }

    /** Whether {@code b[off, off+len)} is a beginning of {@code marker} (a datagram cut inside it). */
    static boolean isPrefixOf(byte[] b, int off, int len, byte[] marker) {
        if (len > marker.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[off + i] != marker[i]) {
                return false;
            }
        }
        return true;
    }

    /** Index of {@code c} in {@code b[off, end)}, or -1. */
    static int indexOf(byte[] b, int off, int end, byte c) {
        for (int i = off; i < end; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Number of decimal digits of a non-negative int. */
    static int decimalLength(int v) {
        int n = 1;
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    /** Writes a non-negative int in decimal at {@code pos}; returns the position after it. */
    static int putDecimal(byte[] out, int pos, int v) {
        int n = decimalLength(v);
        for (int i = pos + n - 1; i >= pos; i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return pos + n;
    }

    /** Writes {@code src} at {@code pos}; returns the position after it. */
    static int put(byte[] out, int pos, byte[] src) {
        System.arraycopy(src, 0, out, pos, src.length);
        return pos + src.length;
    }

    /** Writes {@code digest} as lowercase hex, two digits a byte, at {@code out[0..]}; returns the length. */
    static int putHex(byte[] digest, int len, byte[] out) {
        for (int i = 0; i < len; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return 2 * len;
    }

    /** Writes {@code v} as C's {@code %lx} of a 32-bit value: lowercase hex, no leading zeros. */
    static int putHexNoPad(int v, byte[] out) {
        int digits = Math.max(1, (32 - Integer.numberOfLeadingZeros(v) + 3) / 4);
        for (int i = digits - 1; i >= 0; i--) {
            out[i] = HEX[v & 0xf];
            v >>>= 4;
        }
        return digits;
    }

    /** Compares in time independent of where the first difference is (the digest is a secret's image). */
    static boolean constantTimeEquals(byte[] a, int aoff, byte[] b, int boff, int len) {
        int diff = 0;
        for (int i = 0; i < len; i++) {
            diff |= a[aoff + i] ^ b[boff + i];
        }
        return diff == 0;
    }
}
