package org.karabeat.transport.wire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.Test;
import org.karabeat.config.legacy.AuthKey;
import org.karabeat.config.legacy.AuthMethod;

/** The digests against published vectors; the golden captures check them against the real daemon. */
public class AuthDigestTest {

    @Test
    public void crcIsCrc32PosixNotZlib() {
        // CRC-32/POSIX check value; zlib's crc32("123456789") would be cbf43926
        assertEquals("765e7680", hex(AuthMethod.CRC, "", "123456789"));
        assertEquals("ffffffff", hex(AuthMethod.CRC, "", ""));
    }

    @Test
    public void crcIsPrintedLikePercentLxWithoutLeadingZeros() {
        for (int i = 0; i < 1_000_000; i++) {
            byte[] data = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
            int crc = CrcDigest.crc(data, 0, data.length);
            if (Integer.compareUnsigned(crc, 0x10000000) < 0) {
                String printed = hex(AuthMethod.CRC, "", Integer.toString(i));
                assertEquals(Integer.toHexString(crc), printed);
                assertTrue(printed, printed.length() < 8);
                return;
            }
        }
        throw new AssertionError("no small crc found");
    }

    @Test
    public void crcIgnoresTheKey() {
        assertEquals(hex(AuthMethod.CRC, "", "abc"), hex(AuthMethod.CRC, "whatever", "abc"));
    }

    @Test
    public void md5IsRfc2104HmacMd5() {
        // RFC 2202 test cases 2 and 6 (key longer than the 64-byte block: hashed first)
        assertEquals("750c783e6ab0b503eaa86e310a5db738", hex(AuthMethod.MD5, "Jefe", "what do ya want for nothing?"));
        assertEquals("6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd", hex(AuthMethod.MD5, aa(80),
                "Test Using Larger Than Block-Size Key - Hash Key First"));
    }

    @Test
    public void sha1IsRfc2104HmacSha1() {
        assertEquals("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
                hex(AuthMethod.SHA1, "Jefe", "what do ya want for nothing?"));
        assertEquals("aa4ae5e15272d00e95705637ce8a3b55ed402112", hex(AuthMethod.SHA1, aa(80),
                "Test Using Larger Than Block-Size Key - Hash Key First"));
    }

    @Test
    public void sha256IsHmacSha256() {
        // RFC 4231 test case 2
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                hex(AuthMethod.SHA256, "Jefe", "what do ya want for nothing?"));
    }

    @Test
    public void aKeyEndsAtItsFirstNulAsHeartbeatsStrlenDoes() {
        assertEquals(hex(AuthMethod.SHA1, "Jefe", "x"), hex(AuthMethod.SHA1, "Jefe\0ignored", "x"));
    }

    @Test
    public void plausibleLengthsTellTheMethods() {
        AuthDigest sha1 = digest(AuthMethod.SHA1, "k");
        AuthDigest md5 = digest(AuthMethod.MD5, "k");
        AuthDigest crc = digest(AuthMethod.CRC, "");
        assertTrue(sha1.plausibleLength(40));
        assertFalse(sha1.plausibleLength(32));
        assertTrue(md5.plausibleLength(32));
        assertFalse(md5.plausibleLength(40));
        assertTrue(crc.plausibleLength(1));
        assertTrue(crc.plausibleLength(8));
        assertFalse(crc.plausibleLength(9));
        assertTrue(digest(AuthMethod.SHA256, "k").plausibleLength(64));
    }

    @Test
    public void neitherDigestNorAuthenticatorShowsTheKey() {
        assertFalse(digest(AuthMethod.SHA1, "s3cret-key").toString().contains("s3cret"));
        assertFalse(new Authenticator(Golden.keys("auth 1", "1 sha1 s3cret-key")).toString().contains("s3cret"));
    }

    private static String hex(AuthMethod method, String key, String data) {
        byte[] d = data.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[AuthDigest.MAX_HEX];
        int n = digest(method, key).hex(d, 0, d.length, out);
        return new String(out, 0, n, StandardCharsets.US_ASCII);
    }

    private static AuthDigest digest(AuthMethod method, String key) {
        return AuthDigest.of(new AuthKey(1, method, key, 1));
    }

    private static String aa(int n) {
        char[] c = new char[n];
        Arrays.fill(c, (char) 0xaa);
        return new String(c);
    }
}
