package org.karabeat.transport.reliable;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.karabeat.transport.wire.HbMessage;

/** The control messages' layout and heartbeat's number parsing (sscanf %lx, atoi). */
public class ControlMessagesTest {

    @Test
    public void scanHexReadsLikeSscanfLx() {
        assertEquals(0x1a, ControlMessages.scanHex("1a"));
        assertEquals(0x6b070d5fL, ControlMessages.scanHex("6b070d5f"));
        assertEquals(0xab, ControlMessages.scanHex("  AB"));
        assertEquals(0x1f, ControlMessages.scanHex("0x1f"));
        assertEquals(0x12, ControlMessages.scanHex("12zz")); // stops at the first non-hex character
        assertEquals(0, ControlMessages.scanHex("0"));
        assertEquals(0, ControlMessages.scanHex("0x")); // "0" converts, the x stops it
        assertEquals(-1, ControlMessages.scanHex("zz"));
        assertEquals(-1, ControlMessages.scanHex(""));
        assertEquals(-1, ControlMessages.scanHex(null));
        assertEquals(-1, ControlMessages.scanHex("-1"));
        assertEquals(-1, ControlMessages.scanHex("\u0661")); // a non-ASCII digit is not hex
        assertEquals(Long.MAX_VALUE, ControlMessages.scanHex("7fffffffffffffff"));
        assertEquals(-1, ControlMessages.scanHex("10000000000000000"));
    }

    @Test
    public void atoiReadsLikeAtoi() {
        assertEquals(26, ControlMessages.atoi("26"));
        assertEquals(1, ControlMessages.atoi("1a"));
        assertEquals(7, ControlMessages.atoi(" +7"));
        assertEquals(-3, ControlMessages.atoi("-3"));
        assertEquals(0, ControlMessages.atoi("x"));
        assertEquals(0, ControlMessages.atoi(null));
        assertEquals(-1, ControlMessages.atoi("99999999999999999999"));
    }

    @Test
    public void layoutsAreHeartbeats() {
        HbMessage ack = ControlMessages.ack("hb1", 0x16);
        assertEquals("t=NS_ackmsg dest=hb1 ackseq=16", ack.toString());
        HbMessage req = ControlMessages.rexmitRequest("hb3", 0x1a);
        assertEquals("t=NS_rexmit dest=hb3 firstseq=26 lastseq=26", req.toString());
        HbMessage nak = ControlMessages.nak("hb2", 26, "seqno too low");
        assertEquals("t=NS_nak_rexmit firstseq=1a dest=hb2 info=seqno too low", nak.toString());
        for (HbMessage m : List.of(ack, req, nak)) {
            assertTrue(ControlMessages.isUnsequenced(m.type()));
            assertFalse(m.has("seq"));
        }
        assertFalse(ControlMessages.isUnsequenced("status"));
        assertFalse(ControlMessages.isUnsequenced(null));
    }
}
