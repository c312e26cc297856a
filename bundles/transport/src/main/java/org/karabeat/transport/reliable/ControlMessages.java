package org.karabeat.transport.reliable;

import org.karabeat.transport.wire.HbMessage;

/**
 * The three unsequenced control messages of heartbeat's reliable delivery, as heartbeat 3.0.6 builds them (only
 * the fields it adds itself; the sender appends {@code destuuid} and the control fields {@code src srcuuid hg ts
 * ttl auth} — no {@code seq} and no {@code ld}, ha_msg_internal.c:66-74 and 129-145), and the number parsing
 * heartbeat uses for them.
 */
public final class ControlMessages {

    /** Message types ({@code NOSEQ_PREFIX "NS_"}: never sequenced, never retransmitted). */
    public static final String NOSEQ_PREFIX = "NS_";
    public static final String T_ACKMSG = "NS_ackmsg";
    public static final String T_REXMIT = "NS_rexmit";
    public static final String T_NAKREXMIT = "NS_nak_rexmit";
    public static final String T_STATUS = "status";

    /** Field names (ha_msg.h). */
    public static final String F_TYPE = "t";
    public static final String F_ORIG = "src";
    public static final String F_TO = "dest";
    public static final String F_TOUUID = "destuuid";
    public static final String F_SEQ = "seq";
    public static final String F_HBGENERATION = "hg";
    public static final String F_TIME = "ts";
    public static final String F_FIRSTSEQ = "firstseq";
    public static final String F_LASTSEQ = "lastseq";
    public static final String F_ACKSEQ = "ackseq";
    public static final String F_COMMENT = "info";
    public static final String F_PROTOCOL = "protocol";

    /** The reasons heartbeat puts in a NAK's {@code info} (heartbeat.c:6328, 6409). */
    public static final String NAK_SEQNO_TOO_LOW = "seqno too low";
    public static final String NAK_SEQNO_NOT_FOUND = "seqno not found";

    private ControlMessages() {
    }

    /**
     * {@code t=NS_ackmsg dest=<node> ackseq=<hex>}: "I have {@code node}'s stream up to {@code ackseq}"
     * (send_ack, heartbeat.c:3361-3388).
     */
    public static HbMessage ack(String node, long ackseq) {
        return HbMessage.builder().add(F_TYPE, T_ACKMSG).add(F_TO, node).add(F_ACKSEQ, Long.toHexString(ackseq))
                .build();
    }

    /**
     * {@code t=NS_rexmit dest=<node> firstseq=<decimal> lastseq=<decimal>}: heartbeat always asks for one seq
     * per request, {@code firstseq == lastseq}, written with {@code ha_msg_add_int} ({@code %d}) (hb_rexmit.c:180-183).
     */
    public static HbMessage rexmitRequest(String node, long seq) {
        return HbMessage.builder().add(F_TYPE, T_REXMIT).add(F_TO, node).add(F_FIRSTSEQ, Long.toString(seq))
                .add(F_LASTSEQ, Long.toString(seq)).build();
    }

    /**
     * {@code t=NS_nak_rexmit firstseq=<hex> dest=<requester> info=<reason>}, in that order (nak_rexmit,
     * heartbeat.c:6440-6474).
     */
    public static HbMessage nak(String requester, long seq, String reason) {
        return HbMessage.builder().add(F_TYPE, T_NAKREXMIT).add(F_FIRSTSEQ, Long.toHexString(seq))
                .add(F_TO, requester).add(F_COMMENT, reason).build();
    }

    /** True for the {@code NS_} types, which carry no sequence number. */
    public static boolean isUnsequenced(String type) {
        return type != null && type.startsWith(NOSEQ_PREFIX);
    }

    /**
     * {@code sscanf(s, "%lx", &v)}: leading white space, an optional {@code 0x}, then hex digits up to the first
     * other character. Returns -1 when nothing converts or the value does not fit in 63 bits (and for a sign,
     * which heartbeat would turn into a huge unsigned number).
     */
    public static long scanHex(String s) {
        if (s == null) {
            return -1;
        }
        int i = skipSpace(s, 0);
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            return -1;
        }
        if (i + 1 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
            i += 2;
        }
        long v = 0;
        int digits = 0;
        for (; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0 || s.charAt(i) > 'f') { // Character.digit also accepts non-ASCII digits
                break;
            }
            if (v > (Long.MAX_VALUE >> 4)) {
                return -1;
            }
            v = (v << 4) | d;
            digits++;
        }
        return digits == 0 ? -1 : v;
    }

    /**
     * {@code atoi(s)}, as process_rexmit reads {@code firstseq}/{@code lastseq} (heartbeat.c:6306): leading white
     * space, an optional sign, decimal digits up to the first other character; 0 when nothing converts. A value
     * that does not fit is returned as -1 (invalid).
     */
    public static long atoi(String s) {
        if (s == null) {
            return 0;
        }
        int i = skipSpace(s, 0);
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            if (v > (Long.MAX_VALUE - 9) / 10) {
                return -1;
            }
            v = v * 10 + (s.charAt(i) - '0');
        }
        return negative ? -v : v;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || (s.charAt(i) >= '\t' && s.charAt(i) <= '\r'))) {
            i++;
        }
        return i;
    }
}
