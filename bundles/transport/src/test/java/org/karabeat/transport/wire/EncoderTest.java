package org.karabeat.transport.wire;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;

import org.junit.Test;

/** The netstring encoder's rules beyond the golden vectors. */
public class EncoderTest {

    private static final WireCodec SHA1 = WireCodec.create(Golden.keys("auth 1", "1 sha1 karabeat-lab-key"));

    @Test
    public void fieldsAreWrittenAsLengthTypeNameValue() {
        byte[] b = SHA1.encode(HbMessage.builder().add("t", "status").addBinary("u", new byte[] {0, ',', '\n'})
                .build());
        String text = Golden.ascii(b);
        assertTrue(text, text.startsWith("###\n11:(0)t=status,8:(1)u=\0,\n,50:(0)auth=1 "));
        assertTrue(text, text.contains(",%%%\n42:1 "));
        assertTrue(text, text.endsWith(","));
    }

    @Test
    public void anExistingAuthFieldIsReplacedInPlace() {
        HbMessage m = HbMessage.builder().add("t", "x").add("auth", "stale").add("z", "1").build();
        HbMessage back = SHA1.decode(SHA1.encode(m)).message();
        assertEquals("auth", back.fields().get(1).name());
        assertEquals("z", back.fields().get(2).name());
        assertFalse(back.get("auth").equals("stale"));
        HbMessage appended = SHA1.decode(SHA1.encode(m.without("auth"))).message();
        assertEquals("auth", appended.fields().get(2).name());
    }

    @Test
    public void withoutInnerAuthNoAuthFieldIsWritten() {
        WireCodec plain = WireCodec.create(Golden.keys("auth 1", "1 sha1 k"), WireOptions.defaults()
                .withInnerAuth(false));
        HbMessage m = HbMessage.builder().add("t", "x").add("auth", "stale").build();
        String text = Golden.ascii(plain.encode(m));
        assertFalse(text, text.contains("auth="));
        assertTrue(plain.decode(plain.encode(m)).isAccepted());
    }

    @Test
    public void structFieldsAreCarriedRawWithoutInnerAuthAsHeartbeatDoes() {
        byte[] nested = DropReasonTest.bytes("###\n6:(0)a=b,%%%\n");
        HbMessage m = HbMessage.builder().add("t", "x").add(new HbMessage.Field("s", 2, nested)).build();
        byte[] b = SHA1.encode(m);
        assertFalse(Golden.ascii(b).contains("auth="));
        DecodeResult r = SHA1.decode(b);
        assertTrue(r.toString(), r.isAccepted());
        assertEquals(m, r.message());
        assertArrayEquals(b, SHA1.encode(r.message()));
        try {
            SHA1.encodeClassic(m);
            fail("a struct has no classic form here");
        } catch (IllegalArgumentException expected) {
            // expected
        }
    }

    @Test
    public void theMaximumDatagramSizeIsEnforcedToTheByte() {
        WireCodec codec = WireCodec.create(Golden.keys("auth 1", "1 sha1 k"), WireOptions.defaults()
                .withMaxDatagramSize(1000));
        int fits = 0;
        for (int n = 800; n < 1000; n++) {
            HbMessage m = HbMessage.builder().add("t", "x").add("v", "a".repeat(n)).build();
            try {
                byte[] b = codec.encode(m);
                assertTrue(b.length <= 1000);
                assertTrue(codec.decode(b).isAccepted());
                fits = b.length;
            } catch (MessageTooLargeException e) {
                assertTrue(e.size() > 1000);
                assertEquals(1000, e.maximum());
                assertEquals("the largest message that fits ends exactly at the limit", 1000, fits);
                return;
            }
        }
        fail("never too large");
    }

    @Test
    public void aHugeMessageIsRefusedBeforeItIsBuilt() {
        HbMessage m = HbMessage.builder().add("t", "x").addBinary("big", new byte[300_000]).build();
        try {
            SHA1.encode(m);
            fail("too large");
        } catch (MessageTooLargeException e) {
            assertEquals(WireCodec.MAX_DATAGRAM_SIZE, e.maximum());
        }
    }

    @Test
    public void fieldsHeartbeatCannotCarryAreRefused() {
        List<HbMessage.Field> bad = List.of(new HbMessage.Field("", 0, new byte[0]),
                new HbMessage.Field("a=b", 0, new byte[0]), new HbMessage.Field("a\nb", 0, new byte[0]),
                new HbMessage.Field("(1)x", 0, new byte[0]), new HbMessage.Field("\u0100", 0, new byte[0]),
                new HbMessage.Field("x", 6, new byte[0]), new HbMessage.Field("x", 0, new byte[] {'a', 0}));
        for (HbMessage.Field f : bad) {
            try {
                SHA1.encode(HbMessage.builder().add("t", "x").add(f).build());
                fail("accepted " + f);
            } catch (IllegalArgumentException expected) {
                assertFalse(expected instanceof MessageTooLargeException);
            }
        }
    }

    @Test
    public void optionsAreChecked() {
        try {
            WireOptions.defaults().withMaxDatagramSize(WireCodec.MAX_DATAGRAM_SIZE + 1);
            fail("above heartbeat's limit");
        } catch (IllegalArgumentException expected) {
            // expected
        }
        assertEquals(262_143, WireCodec.MAX_DATAGRAM_SIZE);
        assertTrue(WireOptions.defaults().innerAuth());
    }

    @Test
    public void encodingIsDeterministicAndThreadSafe() throws Exception {
        HbMessage m = SHA1.decode(Golden.docSamples().get("status-hb1-init")).message();
        byte[] expected = SHA1.encode(m);
        Thread[] threads = new Thread[4];
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    if (!java.util.Arrays.equals(expected, SHA1.encode(m)) || !SHA1.decode(expected).isAccepted()) {
                        failure[0] = new AssertionError("different result in a thread");
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join(60_000);
        }
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }
}
