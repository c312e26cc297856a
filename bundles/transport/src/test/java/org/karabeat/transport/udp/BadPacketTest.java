package org.karabeat.transport.udp;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.karabeat.transport.udp.Loopback.ADDR1;
import static org.karabeat.transport.udp.Loopback.HB2;
import static org.karabeat.transport.udp.Loopback.forge;
import static org.karabeat.transport.udp.Loopback.ping;
import static org.karabeat.transport.udp.Loopback.signer;
import static org.karabeat.transport.udp.SequencedReplayTest.delta;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.karabeat.config.legacy.AuthMethod;
import org.karabeat.transport.identity.UuidBytes;
import org.karabeat.transport.wire.DropReason;
import org.karabeat.transport.wire.WireCodec;

/**
 * Bad datagrams at a real hb1, from the peer socket: each is dropped and counted under
 * {@code dropped.<reason>}, nothing reaches the listener, and the log line (rate-limited per reason and
 * sender) names the sender's address.
 */
public class BadPacketTest {

    private static final long G = 0x6b070d5fL;
    private static final byte[] UUID2 = UuidBytes.toBytes(UUID.nameUUIDFromBytes("hb2".getBytes()));

    private Loopback lb;
    private byte[] authentic;

    @Before
    public void setUp() throws IOException {
        lb = Loopback.start(false);
        authentic = forge(lb.codec, ping(1), HB2, UUID2, 1, G);
        assertTrue(lb.codec.decode(authentic).isAccepted());
    }

    @After
    public void tearDown() {
        if (lb != null) {
            lb.close();
        }
    }

    /** One bad datagram of each kind, by the counter it must land under. */
    private Map<String, byte[]> badDatagrams() {
        String secret = lb.config.authKeys().active().secret();
        String text = new String(authentic, StandardCharsets.ISO_8859_1);
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("dropped.bad-digest", forge(signer(1, AuthMethod.SHA1, "not-" + secret), ping(1), HB2, UUID2, 1, G));
        out.put("dropped.wrong-method", forge(signer(1, AuthMethod.MD5, secret), ping(1), HB2, UUID2, 1, G));
        out.put("dropped.unknown-key-index", forge(signer(7, AuthMethod.SHA1, secret), ping(1), HB2, UUID2, 1, G));
        out.put("dropped.unknown-node", forge(lb.codec, ping(1), "hb9", UUID2, 1, G));
        out.put("dropped.truncated", Arrays.copyOf(authentic, authentic.length / 2));
        // "9:(0)t=ping," with the length one short: the netstring is not closed where it says
        out.put("dropped.bad-netstring-length", latin1(text.replaceFirst("9:\\(0\\)t=ping", "8:(0)t=ping")));
        Random random = new Random(7);
        byte[] garbage = new byte[300];
        random.nextBytes(garbage);
        garbage[0] = 'x';
        out.put("dropped.unknown-format", garbage);
        out.put("dropped.empty", new byte[0]);
        out.put("dropped.malformed-field", latin1(text.replaceFirst("\\(0\\)t=ping", "(9)t=ping")));
        out.put("dropped.trailing-garbage", latin1(text + "xy"));
        out.put("dropped.no-authentication", latin1(text.substring(0, text.indexOf("%%%\n") + 4)));
        out.put("dropped.bad-auth-format", latin1(text.substring(0, text.indexOf("%%%\n") + 4) + "4:1 x ,"));
        // the classic form with a struct field, which Karabeat does not read
        out.put("dropped.unsupported-field-type", latin1(">>>\nt=ping\n(2)x=abc\nsrc=hb2\nauth=1 00\n<<<\n"));
        return out;
    }

    @Test
    public void eachBadDatagramIsDroppedAndCountedUnderItsOwnReason() {
        Map<String, byte[]> bad = badDatagrams();
        // the codec agrees with each label (so the transport counts exactly what decode said, and the labels
        // are right), and every reason the transport can meet is covered
        for (Map.Entry<String, byte[]> e : bad.entrySet()) {
            DropReason r = lb.codec.decode(e.getValue()).dropReason();
            if (!e.getKey().equals("dropped.unknown-node")) {
                assertEquals(e.getKey(), "dropped." + r.name().toLowerCase(Locale.ROOT).replace('_', '-'), e.getKey());
            }
        }
        for (DropReason r : DropReason.values()) {
            String key = "dropped." + r.name().toLowerCase(Locale.ROOT).replace('_', '-');
            assertTrue(key + " is not covered", bad.containsKey(key) || r == DropReason.OVERSIZE);
        }
        Map<String, Long> before = lb.hb1.transport.counters();
        try (StderrCapture log = new StderrCapture()) {
            for (byte[] b : bad.values()) {
                lb.peer.send(ADDR1, b);
            }
            lb.quiesce();
            Map<String, Long> after = lb.hb1.transport.counters();
            assertEquals(delta(before, after), expected(bad.keySet().stream().toList(), 1), drops(after));
            assertEquals(bad.size(), after.get("received") - before.getOrDefault("received", 0L));
            assertTrue(lb.hb1.listener.delivered.isEmpty());
            assertTrue(lb.hb1.listener.generations.isEmpty());
            assertTrue(lb.hb1.listener.heard.isEmpty());
            assertEquals("hb1 answers no bad datagram", 0, lb.hb1.emittedTotal());
            // one line each, naming the sender's address
            for (String key : bad.keySet()) {
                String words = key.equals("dropped.unknown-node") ? "bad node [hb9]"
                        : DropReason.valueOf(key.substring(8).toUpperCase(Locale.ROOT).replace('-', '_')).description();
                List<String> lines = log.lines(words);
                assertEquals(key + ": " + lines, 1, lines.size());
                assertTrue(lines.get(0), lines.get(0).contains("Dropped a packet from 127.0.0.3"));
            }
        }
    }

    @Test
    public void theLogLineIsRateLimitedPerReasonAndSender() throws IOException {
        byte[] forged = badDatagrams().get("dropped.bad-digest");
        try (StderrCapture log = new StderrCapture();
                DatagramSocket other = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.4"), 0))) {
            lb.flood(lb.hb1, forged, 300);
            lb.quiesce();
            assertEquals(300L, lb.hb1.counter("dropped.bad-digest"));
            List<String> lines = log.lines("authentication failed");
            assertEquals(lines.toString(), 1, lines.size());
            assertTrue(lines.get(0), lines.get(0).contains("Dropped a packet from 127.0.0.3 claiming to be hb2"));

            // another sender gets a line of its own, and another reason from the first sender too
            lb.peer.sendFrom(other, ADDR1, forged);
            lb.peer.send(ADDR1, new byte[] {'x'});
            lb.quiesce();
            assertEquals(301L, lb.hb1.counter("dropped.bad-digest"));
            lines = log.lines("authentication failed");
            assertEquals(lines.toString(), 2, lines.size());
            assertTrue(lines.get(1), lines.get(1).contains("Dropped a packet from 127.0.0.4"));
            assertEquals(1, log.lines("from 127.0.0.3 on lo: not a heartbeat message").size());
        }
    }

    @Test
    public void theLargestUdpDatagramIsReadWholeAndDropped() {
        // An IPv4 UDP datagram carries at most 65,507 bytes, less than the codec's maximum (heartbeat's MAXMSG
        // - 1): dropped.oversize cannot happen over UDP/IPv4, so the largest datagrams are checked here for
        // what they are. The receive buffer takes them whole (a truncated read would be a different drop).
        assertTrue(WireCodec.MAX_UDP_IPV4_PAYLOAD < WireCodec.MAX_DATAGRAM_SIZE);
        assertEquals(WireCodec.MAX_UDP_IPV4_PAYLOAD, MediaLayer.MAX_DATAGRAM);
        byte[] junk = new byte[WireCodec.MAX_UDP_IPV4_PAYLOAD];
        Arrays.fill(junk, (byte) 'x');
        // a netstring message whose only field claims 9,999,999 bytes
        byte[] huge = Arrays.copyOf(latin1("###\n9999999:(0)t="), WireCodec.MAX_UDP_IPV4_PAYLOAD);
        Arrays.fill(huge, 17, huge.length, (byte) 'a');
        // an authentic message that ends at the very last byte: its last byte cut off would be truncated
        byte[] bigAuthentic = forge(lb.codec, ping(1).toBuilder().add("pad", "p".repeat(65_000)).build(),
                HB2, UUID2, 1, G);
        bigAuthentic = forge(lb.codec, ping(1).toBuilder()
                .add("pad", "p".repeat(65_000 + WireCodec.MAX_UDP_IPV4_PAYLOAD - bigAuthentic.length)).build(),
                HB2, UUID2, 1, G);
        assertEquals(WireCodec.MAX_UDP_IPV4_PAYLOAD, bigAuthentic.length);
        assertEquals(DropReason.TRUNCATED, lb.codec.decode(huge).dropReason());

        lb.peer.send(ADDR1, junk);
        lb.peer.send(ADDR1, huge);
        lb.peer.send(ADDR1, bigAuthentic);
        lb.quiesce();
        Map<String, Long> c = lb.hb1.transport.counters();
        assertEquals(c.toString(), expected(List.of("dropped.unknown-format", "dropped.truncated"), 1), drops(c));
        assertEquals(1, lb.hb1.listener.from(HB2).size());
        assertArrayEquals(lb.codec.decode(bigAuthentic).message().getBytes("pad"),
                lb.hb1.listener.from(HB2).get(0).message().getBytes("pad"));
    }

    private static Map<String, Long> drops(Map<String, Long> counters) {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> {
            if (k.startsWith("dropped.") && v != 0) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static Map<String, Long> expected(List<String> keys, long each) {
        Map<String, Long> out = new TreeMap<>();
        keys.forEach(k -> out.put(k, each));
        return out;
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
