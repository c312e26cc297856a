package org.karabeat.transport.wire;

import java.nio.charset.StandardCharsets;

/**
 * Names of the heartbeat message fields that the transport and the runtime use (heartbeat's {@code ha_msg.h}
 * {@code F_*} constants). Field names are bytes on the wire; Karabeat maps them one byte to one char
 * (ISO-8859-1), so any name read can be written back unchanged.
 */
public final class FieldNames {

    /** Message type ({@code F_TYPE}). */
    public static final String TYPE = "t";
    /** Sending node name ({@code F_ORIG}). */
    public static final String SRC = "src";
    /** Sending node uuid, 16 raw bytes ({@code F_ORIGUUID}). */
    public static final String SRCUUID = "srcuuid";
    /** Sequence number, lowercase hex ({@code F_SEQ}). */
    public static final String SEQ = "seq";
    /** Heartbeat generation, lowercase hex ({@code F_HBGENERATION}). */
    public static final String HG = "hg";
    /** Sender's clock, Unix seconds in lowercase hex ({@code F_TIME}). */
    public static final String TS = "ts";
    /** Load average text ({@code F_LOAD}). */
    public static final String LD = "ld";
    /** Hop count, decimal ({@code F_TTL}). */
    public static final String TTL = "ttl";
    /** Classic-form authentication {@code <index> <digest>} ({@code F_AUTH}). */
    public static final String AUTH = "auth";
    /** Destination node name ({@code F_TO}). */
    public static final String DEST = "dest";
    /** Destination node uuid, 16 raw bytes ({@code F_TOUUID}). */
    public static final String DESTUUID = "destuuid";
    /** Node status in {@code t=status} ({@code F_STATUS}). */
    public static final String STATUS = "st";
    /** Advertised deadtime in ms, lowercase hex ({@code F_DT}). */
    public static final String DEADTIME = "dt";
    /** Protocol number ({@code F_PROTOCOL}). */
    public static final String PROTOCOL = "protocol";
    /** Acknowledged sequence number, hex ({@code F_ACKSEQ}). */
    public static final String ACKSEQ = "ackseq";
    /** First sequence number of a retransmission request (decimal in NS_rexmit, hex in NS_nak_rexmit). */
    public static final String FIRSTSEQ = "firstseq";
    /** Last sequence number of a retransmission request, decimal ({@code F_LASTSEQ}). */
    public static final String LASTSEQ = "lastseq";
    /** Comment ({@code F_COMMENT}); NS_nak_rexmit carries the reason here. */
    public static final String INFO = "info";

    /**
     * Names the decoder hands out without allocating a String. The rest of heartbeat's v1 vocabulary is
     * added so that a decoded status or resource message allocates no name at all.
     */
    private static final String[] COMMON = {TYPE, SRC, SRCUUID, SEQ, HG, TS, LD, TTL, AUTH, DEST, DESTUUID, STATUS,
        DEADTIME, PROTOCOL, ACKSEQ, FIRSTSEQ, LASTSEQ, INFO, "rsc_hold", "rtype", "isstable", "nodelist",
        "delnodelist", "node", "result", "ipaddr", "weown", "ok", "numnodes"};
    private static final byte[][] COMMON_BYTES = new byte[COMMON.length][];

    static {
        for (int i = 0; i < COMMON.length; i++) {
            COMMON_BYTES[i] = COMMON[i].getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private FieldNames() {
    }

    /** The name in {@code b[off, off+len)}: a shared constant for the common names, else a new String. */
    static String intern(byte[] b, int off, int len) {
        for (int i = 0; i < COMMON_BYTES.length; i++) {
            if (Bytes.equalsAt(b, off, len, COMMON_BYTES[i])) {
                return COMMON[i];
            }
        }
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
}
