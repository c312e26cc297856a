package org.karabeat.transport.wire;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Set;

import org.junit.Test;

/** ControlFields puts the control fields where heartbeat 3.0.6 does. */
public class ControlFieldsTest {

    private static final Set<String> CONTROL = Set.of("src", "srcuuid", "seq", "hg", "ts", "ld", "ttl", "auth",
            "destuuid");
    private static final byte[] UUID_A = new byte[16];
    private static final byte[] UUID_B = new byte[16];

    static {
        UUID_A[0] = 1;
        UUID_B[0] = 2;
    }

    @Test
    public void restampingEveryCapturedMessageGivesTheSameBytes() {
        for (Golden.Datagram d : Golden.all()) {
            HbMessage real = Golden.codec(d.run).decode(d.bytes).message();
            HbMessage.Builder app = HbMessage.builder();
            for (HbMessage.Field f : real.fields()) {
                if (!CONTROL.contains(f.name())) {
                    app.add(f);
                }
            }
            ControlFields.Builder c = ControlFields.builder()
                    .source(real.get("src"), real.getBytes("srcuuid"))
                    .generation(Long.parseUnsignedLong(real.get("hg"), 16))
                    .timestamp(Long.parseLong(real.get("ts"), 16))
                    .ttl(Integer.parseInt(real.get("ttl")))
                    .load(real.get("ld"));
            if (real.get("seq") != null) {
                c.sequence(Long.parseLong(real.get("seq"), 16));
            }
            if (real.get("dest") != null) {
                c.destination(real.get("dest"), real.getBytes("destuuid"));
            }
            HbMessage stamped = c.build().stamp(app.build());
            WireCodec codec = WireCodec.create(Golden.keys(d.run), WireOptions.defaults()
                    .withInnerAuth(real.has("auth")));
            assertArrayEquals(d.toString(), d.bytes, codec.encode(stamped));
        }
    }

    @Test
    public void aDestinationIsAppendedAndItsUuidComesBeforeSrc() {
        HbMessage m = base().sequence(5).destination("hb2", UUID_B).build()
                .stamp(HbMessage.builder().add("t", "reqnodes").build());
        assertEquals(List.of("t", "dest", "destuuid", "src", "srcuuid", "seq", "hg", "ts", "ld", "ttl"), names(m));
    }

    @Test
    public void aDestinationWithoutUuidHasNoDestuuid() {
        HbMessage m = base().sequence(5).destination("hb2", null).build()
                .stamp(HbMessage.builder().add("t", "x").build());
        assertFalse(m.has("destuuid"));
        assertEquals("hb2", m.get("dest"));
    }

    @Test
    public void noSequenceTypesGetNoSeqAndNoLoadAndKeepTheirOwnControlFields() {
        HbMessage app = HbMessage.builder().add("t", "NS_ackmsg").add("dest", "hb2").add("ackseq", "c")
                .add("ttl", "9").build();
        HbMessage m = base().destination("hb2", UUID_B).build().stamp(app);
        assertEquals(List.of("t", "dest", "ackseq", "ttl", "destuuid", "src", "srcuuid", "hg", "ts"), names(m));
        assertEquals("9", m.get("ttl"));
        assertTrue(ControlFields.takesSequence("status"));
        assertFalse(ControlFields.takesSequence("NS_rexmit"));
    }

    @Test
    public void otherTypesHaveExistingControlFieldsReplacedInPlace() {
        HbMessage app = HbMessage.builder().add("t", "status").add("ttl", "9").add("st", "up").build();
        HbMessage m = base().sequence(1).build().stamp(app);
        assertEquals(List.of("t", "ttl", "st", "src", "srcuuid", "seq", "hg", "ts", "ld"), names(m));
        assertEquals("3", m.get("ttl"));
    }

    @Test
    public void numbersAreHeartbeatsFormats() {
        HbMessage m = base().sequence(0xfaL).generation(-1L).build().stamp(HbMessage.builder().add("t", "x").build());
        assertEquals("fa", m.get("seq"));
        assertEquals("ffffffffffffffff", m.get("hg"));
        assertEquals("6b070d5e", m.get("ts"));
        assertEquals("3", m.get("ttl"));
    }

    @Test
    public void misuseIsRefused() {
        expectFailure(() -> base().sequence(1).build().stamp(HbMessage.builder().add("t", "NS_ackmsg").build()));
        expectFailure(() -> base().build().stamp(HbMessage.builder().add("t", "status").build()));
        expectFailure(() -> base().sequence(1).build().stamp(HbMessage.builder().add("st", "up").build()));
        expectFailure(() -> ControlFields.builder().source("hb1", new byte[15]));
        try {
            ControlFields.builder().source("hb1", UUID_A).build();
            fail("generation, timestamp and ttl are required");
        } catch (IllegalStateException expected) {
            // expected
        }
    }

    private static ControlFields.Builder base() {
        return ControlFields.builder().source("hb1", UUID_A).generation(0x6b070d5fL).timestamp(0x6b070d5eL)
                .load("0.22 0.19 0.08 2/107 16").ttl(3);
    }

    private static void expectFailure(Runnable r) {
        try {
            r.run();
            fail("accepted");
        } catch (IllegalArgumentException expected) {
            // expected
        }
    }

    private static List<String> names(HbMessage m) {
        List<String> out = new java.util.ArrayList<>();
        for (HbMessage.Field f : m.fields()) {
            out.add(f.name());
        }
        return out;
    }
}
