package org.karabeat.transport.wire;

import java.util.Map;

import org.karabeat.config.legacy.AuthKey;
import org.karabeat.config.legacy.AuthKeys;

/**
 * Signs with the active {@code authkeys} key and checks an {@code <index> <digest>} text against the key of
 * that index. Immutable and safe to share between threads.
 * <p>
 * heartbeat 3.0.6 checks the netstring trailer with the <em>method</em> of the index in the packet but the
 * <em>secret</em> of its own active key ({@code hb_compute_authentication} passes {@code config->authmethod});
 * it checks the classic {@code auth} field with the index's own key. Karabeat uses the index's own key for
 * both, which is what the authkeys file says and gives the same answer whenever every node has the same
 * active key.
 */
final class Authenticator {

    /** heartbeat.h MAXAUTH: key indexes are 0..15. */
    static final int MAX_AUTH = 16;

    private static final DropReason[] REASONS = DropReason.values();

    private final AuthDigest[] byIndex = new AuthDigest[MAX_AUTH];
    private final int activeIndex;
    private final byte[] activePrefix;

    Authenticator(AuthKeys keys) {
        for (Map.Entry<Integer, AuthKey> e : keys.keys().entrySet()) {
            int index = e.getKey();
            if (index < 0 || index >= MAX_AUTH) {
                throw new IllegalArgumentException("key index " + index + " is outside 0.." + (MAX_AUTH - 1));
            }
            byIndex[index] = AuthDigest.of(e.getValue());
        }
        this.activeIndex = keys.activeIndex();
        this.activePrefix = Bytes.ascii(activeIndex + " ");
    }

    int activeIndex() {
        return activeIndex;
    }

    /** {@code <active index> <digest>} of {@code data[off, off+len)}, as heartbeat writes it. */
    byte[] sign(byte[] data, int off, int len) {
        byte[] hex = new byte[AuthDigest.MAX_HEX];
        int n = byIndex[activeIndex].hex(data, off, len, hex);
        byte[] out = new byte[activePrefix.length + n];
        System.arraycopy(activePrefix, 0, out, 0, activePrefix.length);
        System.arraycopy(hex, 0, out, activePrefix.length, n);
        return out;
    }

    /**
     * Checks the authentication text {@code auth[aoff, aoff+alen)} ({@code <index> <digest>}) against
     * {@code data[off, off+len)}.
     *
     * @return the key index (&ge; 0) when the digest matches, else {@link #failure(DropReason)} of the reason
     */
    int verify(byte[] auth, int aoff, int alen, byte[] data, int off, int len) {
        int end = aoff + alen;
        int p = aoff;
        int index = 0;
        // sscanf("%d %s") in heartbeat; here exactly: 1 to 9 digits, one space, a token without blanks.
        while (p < end && p - aoff < 9 && auth[p] >= '0' && auth[p] <= '9') {
            index = index * 10 + (auth[p] - '0');
            p++;
        }
        if (p == aoff || p >= end || auth[p] != ' ') {
            return failure(DropReason.BAD_AUTH_FORMAT);
        }
        int tokenOff = p + 1;
        int tokenLen = end - tokenOff;
        if (tokenLen == 0) {
            return failure(DropReason.BAD_AUTH_FORMAT);
        }
        for (int i = tokenOff; i < end; i++) {
            if (auth[i] <= ' ' || auth[i] == 0x7f) {
                return failure(DropReason.BAD_AUTH_FORMAT);
            }
        }
        AuthDigest digest = index < MAX_AUTH ? byIndex[index] : null;
        if (digest == null) {
            return failure(DropReason.UNKNOWN_KEY_INDEX);
        }
        if (!digest.plausibleLength(tokenLen)) {
            return failure(DropReason.WRONG_METHOD);
        }
        byte[] expected = new byte[AuthDigest.MAX_HEX];
        int n = digest.hex(data, off, len, expected);
        if (n != tokenLen || !Bytes.constantTimeEquals(expected, 0, auth, tokenOff, n)) {
            return failure(DropReason.BAD_DIGEST);
        }
        return index;
    }

    /** The negative code {@link #verify} returns for a reason. */
    static int failure(DropReason reason) {
        return -1 - reason.ordinal();
    }

    /** The reason of a negative {@link #verify} result. */
    static DropReason reasonOf(int code) {
        return REASONS[-1 - code];
    }

    @Override
    public String toString() {
        return "Authenticator[active=" + activeIndex + "]"; // never a key
    }
}
