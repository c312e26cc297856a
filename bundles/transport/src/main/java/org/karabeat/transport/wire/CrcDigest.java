package org.karabeat.transport.wire;

import org.karabeat.config.legacy.AuthMethod;

/**
 * heartbeat's {@code crc} "authentication" (HBauth {@code crc.c}): CRC-32 with polynomial 0x04C11DB7, MSB
 * first (not bit-reflected), initial value 0, result inverted (the CRC-32/POSIX parameters; not zlib's
 * crc32), printed with {@code %lx}: lowercase hex without leading zeros, so 1 to 8 digits. No key.
 */
final class CrcDigest extends AuthDigest {

    static final CrcDigest INSTANCE = new CrcDigest();

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
            }
            TABLE[i] = c;
        }
    }

    private CrcDigest() {
    }

    /** The CRC value itself. */
    static int crc(byte[] data, int off, int len) {
        int crc = 0;
        for (int i = off; i < off + len; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ data[i]) & 0xff];
        }
        return ~crc;
    }

    @Override
    AuthMethod method() {
        return AuthMethod.CRC;
    }

    @Override
    int hex(byte[] data, int off, int len, byte[] out) {
        return Bytes.putHexNoPad(crc(data, off, len), out);
    }

    @Override
    boolean plausibleLength(int hexLength) {
        return hexLength >= 1 && hexLength <= 8;
    }

    @Override
    public String toString() {
        return "CRC";
    }
}
