package org.karabeat.transport.wire;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;

/**
 * Every datagram the real heartbeat 3.0.6 daemons sent in the lab (golden/README.md): the decoder accepts it
 * with the right key index and the encoder writes the same bytes from the decoded fields.
 */
public class GoldenVectorTest {

    @Test
    public void everyCapturedDatagramIsAcceptedWithTheActiveKeyIndex() {
        Map<String, Integer> activeIndex = Map.of("sha1", 1, "md5", 2, "crc", 3);
        for (String run : Golden.RUNS) {
            WireCodec codec = Golden.codec(run);
            List<Golden.Datagram> capture = Golden.capture(run);
            assertTrue(run + " has datagrams", capture.size() > 100);
            for (Golden.Datagram d : capture) {
                DecodeResult r = codec.decode(d.bytes);
                assertTrue(d + ": " + r, r.isAccepted());
                assertEquals(d.toString(), WireForm.NETSTRING, r.form().orElseThrow());
                assertEquals(d.toString(), (int) activeIndex.get(run), r.keyIndex());
                assertEquals(d.toString(), d.sender(), r.message().source());
            }
        }
    }

    @Test
    public void theEncoderReproducesEveryCapturedDatagramByteForByte() {
        for (Golden.Datagram d : Golden.all()) {
            HbMessage m = Golden.codec(d.run).decode(d.bytes).message();
            // hb2 ran "msgfmt netstring" in the md5 run: no inner auth field
            WireCodec encoder = WireCodec.create(Golden.keys(d.run), WireOptions.defaults()
                    .withInnerAuth(m.has(FieldNames.AUTH)));
            assertArrayEquals(d.toString(), d.bytes, encoder.encode(m));
        }
    }

    @Test
    public void theEncoderComputesTheInnerAuthFieldAsHeartbeatDoes() {
        for (Golden.Datagram d : Golden.all()) {
            HbMessage m = Golden.codec(d.run).decode(d.bytes).message();
            if (!m.has(FieldNames.AUTH)) {
                continue;
            }
            // the decoded message without its auth field: the encoder must compute the same one
            byte[] again = Golden.codec(d.run).encode(m.without(FieldNames.AUTH));
            assertArrayEquals(d.toString(), d.bytes, again);
        }
    }

    @Test
    public void theLabCapturedTheMessageTypesOfAV1Cluster() {
        Set<String> types = new HashSet<>();
        for (Golden.Datagram d : Golden.all()) {
            types.add(Golden.codec(d.run).decode(d.bytes).message().type());
        }
        for (String t : List.of("status", "NS_ackmsg", "reqnodes", "repnodes", "NS_rexmit", "starting", "resource",
                "ip-request-resp", "ask_resources", "shutdone")) {
            assertTrue("captured " + t + ": " + types, types.contains(t));
        }
    }

    @Test
    public void statusCarriesTheControlFieldsInHeartbeatsOrder() {
        HbMessage m = first("sha1", "status");
        assertEquals(List.of("t", "st", "dt", "protocol", "src", "srcuuid", "seq", "hg", "ts", "ld", "ttl", "auth"),
                names(m));
        assertEquals("init", m.get("st"));
        assertEquals("1f40", m.get("dt")); // deadtime 6 s + 2 s at start, in ms, hex
        assertEquals("1", m.get("seq"));
        assertEquals("3", m.get("ttl"));
        assertEquals(HbMessage.BINARY, m.fields().get(5).type());
        assertEquals(16, m.getBytes("srcuuid").length);
    }

    @Test
    public void noSequenceMessagesHaveNoSeqAndNoLoad() {
        HbMessage ack = first("sha1", "NS_ackmsg");
        assertEquals(List.of("t", "dest", "ackseq", "destuuid", "src", "srcuuid", "hg", "ts", "ttl", "auth"),
                names(ack));
        HbMessage rexmit = first("sha1", "NS_rexmit");
        assertEquals(List.of("t", "dest", "firstseq", "lastseq", "destuuid", "src", "srcuuid", "hg", "ts", "ttl",
                "auth"), names(rexmit));
        // hb1 lost hb2's seq 0x1f..0x21 while its link was down and asked for each one, in decimal
        Set<String> asked = new HashSet<>();
        for (HbMessage m : all("sha1", "NS_rexmit")) {
            assertEquals(m.get("firstseq"), m.get("lastseq"));
            asked.add(m.get("firstseq"));
        }
        assertEquals(Set.of("31", "32", "33"), asked);
    }

    @Test
    public void repnodesHasDestFirstBecauseTheApplicationPutItThere() {
        HbMessage m = first("sha1", "repnodes");
        assertEquals(List.of("dest", "t", "nodelist", "delnodelist", "destuuid", "src", "srcuuid", "seq", "hg", "ts",
                "ld", "ttl", "auth"), names(m));
        assertEquals("hb1 hb2 ", m.get("nodelist"));
        assertEquals(" ", m.get("delnodelist"));
    }

    @Test
    public void aRetransmissionIsTheOriginalDatagramAgain() {
        Map<String, byte[]> bySenderAndSeq = new HashMap<>();
        int retransmitted = 0;
        for (Golden.Datagram d : Golden.capture("sha1")) {
            HbMessage m = Golden.codec("sha1").decode(d.bytes).message();
            if (m.get("seq") == null) {
                continue;
            }
            String key = m.source() + "/" + m.get("hg") + "/" + m.get("seq");
            byte[] earlier = bySenderAndSeq.putIfAbsent(key, d.bytes);
            if (earlier != null) {
                assertArrayEquals(d.toString(), earlier, d.bytes);
                retransmitted++;
            }
        }
        assertEquals("hb2 resent the three seqs hb1 asked for", 3, retransmitted);
    }

    @Test
    public void msgfmtNetstringSendsNoInnerAuthField() {
        for (Golden.Datagram d : Golden.capture("md5")) {
            HbMessage m = Golden.codec("md5").decode(d.bytes).message();
            assertEquals(d.toString(), d.sender().equals("hb1"), m.has(FieldNames.AUTH));
        }
    }

    @Test
    public void crcIsPrintedWithoutLeadingZeros() {
        int shortTrailers = 0;
        int shortInner = 0;
        for (Golden.Datagram d : Golden.capture("crc")) {
            String text = Golden.ascii(d.bytes);
            String trailer = text.substring(text.indexOf("%%%\n") + 4);
            if (trailer.startsWith("9:3 ")) {
                shortTrailers++;
                assertEquals("9:3 ".length() + 7 + ",".length(), trailer.length());
            } else {
                assertTrue(trailer, trailer.startsWith("10:3 "));
            }
            String inner = Golden.codec("crc").decode(d.bytes).message().get(FieldNames.AUTH);
            if (inner.length() < "3 ".length() + 8) {
                shortInner++;
            }
        }
        assertTrue("some crc values below 0x10000000 were captured", shortTrailers > 0 && shortInner > 0);
    }

    @Test
    public void theGenerationGoesUpByOneAtEachStart() {
        assertEquals("6b074010", first("sha1", "status").get("hg"));
        assertEquals("6b074011", first("md5", "status").get("hg"));
        assertEquals("6b074012", first("crc", "status").get("hg"));
    }

    @Test
    public void theProtocolDocumentSamplesDecodeAndReencode() {
        WireCodec codec = WireCodec.create(Golden.keys("auth 1", "1 sha1 karabeat-lab-key"));
        Map<String, byte[]> samples = Golden.docSamples();
        assertEquals(3, samples.size());
        for (Map.Entry<String, byte[]> e : samples.entrySet()) {
            DecodeResult r = codec.decode(e.getValue());
            assertTrue(e.getKey() + ": " + r, r.isAccepted());
            assertEquals(1, r.keyIndex());
            assertArrayEquals(e.getKey(), e.getValue(), codec.encode(r.message()));
        }
        HbMessage ack = codec.decode(samples.get("ns-ackmsg-hb1")).message();
        assertNull(ack.get("seq"));
        assertNull(ack.get("ld"));
        assertNotNull(ack.get("ackseq"));
    }

    @Test
    public void theDocumentsStatusTrailerCoversBytesZeroThroughTheEndMarker() {
        byte[] status = Golden.docSamples().get("status-hb1-init");
        AuthDigest sha1 = AuthDigest.of(Golden.keys("auth 1", "1 sha1 karabeat-lab-key").active());
        byte[] hex = new byte[AuthDigest.MAX_HEX];
        // the document says bytes 0x000-0x103, but %%%\n ends at 0x101: 0x102 bytes are signed
        assertEquals("%%%\n", Golden.ascii(status).substring(0xfe, 0x102));
        int n = sha1.hex(status, 0, 0x102, hex);
        assertEquals("d07fe101f7c664dfec542031ab42127adb4caa30", new String(hex, 0, n));
    }

    private static HbMessage first(String run, String type) {
        return all(run, type).get(0);
    }

    private static List<HbMessage> all(String run, String type) {
        List<HbMessage> out = new java.util.ArrayList<>();
        for (Golden.Datagram d : Golden.capture(run)) {
            HbMessage m = Golden.codec(run).decode(d.bytes).message();
            if (type.equals(m.type())) {
                out.add(m);
            }
        }
        assertFalse("no " + type + " in " + run, out.isEmpty());
        return out;
    }

    private static List<String> names(HbMessage m) {
        List<String> out = new java.util.ArrayList<>();
        for (HbMessage.Field f : m.fields()) {
            out.add(f.name());
        }
        return out;
    }
}
