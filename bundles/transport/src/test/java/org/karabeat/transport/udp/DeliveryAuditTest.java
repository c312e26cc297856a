package org.karabeat.transport.udp;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.karabeat.transport.wire.HbMessage;
import org.slf4j.Logger;

/** The edge's independent check of what reaches the core. */
public class DeliveryAuditTest {

    private final List<String> warnings = new ArrayList<>();
    private final DeliveryAudit audit = new DeliveryAudit(new RateLimitedLog(recordingLogger(), 10_000));

    private Logger recordingLogger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("warn") && args != null && args.length == 3) {
                        warnings.add(args[1] + "" + args[2]);
                    }
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
    }

    private static HbMessage msg(String src, long gen, long seq) {
        return HbMessage.builder().add("t", "status").add("src", src).add("seq", Long.toHexString(seq))
                .add("hg", Long.toHexString(gen)).add("ts", "1").build();
    }

    private void check(String src, long gen, long seq, long now) {
        audit.check(msg(src, gen, seq), true, now);
    }

    private Map<String, Long> counters() {
        return audit.counters();
    }

    @Test
    public void anInOrderStreamCountsDeliveriesOnlyAndEachStreamStartsWhereverItIsFirstSeen() {
        assertEquals(Map.of("core.delivered", 0L, "core.out-of-order", 0L, "core.skipped", 0L), counters());
        for (long seq = 0x2c; seq <= 0x40; seq++) {
            check("hb1", 7, seq, 0);
        }
        check("hb3", 7, 100, 0);
        check("hb3", 7, 101, 0);
        // a restart: the new generation starts again at 1
        check("hb1", 8, 1, 0);
        check("hb1", 8, 2, 0);
        // unsequenced messages are not audited
        audit.check(HbMessage.builder().add("t", "NS_st").add("src", "hb1").add("ts", "1").build(), true, 0);
        assertEquals(Map.of("core.delivered", 25L, "core.out-of-order", 0L, "core.skipped", 0L), counters());
        assertEquals(List.of(), warnings);
    }

    @Test
    public void aMessageForAnotherNodeTakesItsTurnWithoutCountingAsDelivered() {
        check("hb1", 7, 1, 0);
        audit.check(msg("hb1", 7, 2), false, 0);
        check("hb1", 7, 3, 0);
        assertEquals(Map.of("core.delivered", 2L, "core.out-of-order", 0L, "core.skipped", 0L), counters());
    }

    @Test
    public void jumpsAreCountedAsSkippedSeqs() {
        check("hb1", 7, 1, 0);
        check("hb1", 7, 4, 0); // 2 and 3 never reached the core
        check("hb1", 7, 5, 0);
        check("hb1", 7, 10, 0);
        assertEquals(6L, (long) counters().get("core.skipped"));
        assertEquals(0L, (long) counters().get("core.out-of-order"));
    }

    @Test
    public void repeatsLowerSeqsAndOlderGenerationsAreOutOfOrderAndWarnedRateLimited() {
        check("hb1", 7, 1, 0);
        check("hb1", 7, 3, 0);
        check("hb1", 7, 2, 0); // arrival order, as the classic daemon delivers
        check("hb1", 7, 3, 1); // twice
        check("hb1", 8, 1, 2);
        check("hb1", 7, 4, 3); // the old run after the new one
        Map<String, Long> c = counters();
        assertEquals(3L, (long) c.get("core.out-of-order"));
        assertEquals("a late seq does not move the stream back", 1L, (long) c.get("core.skipped"));
        assertEquals(6L, (long) c.get("core.delivered"));
        assertEquals("one line per node and interval", 1, warnings.size());
        assertEquals("Message of hb1 handed to the core out of order: seq 2 (generation 7) after seq 3 (generation 7)",
                warnings.get(0));
        check("hb1", 8, 2, 10_001);
        check("hb1", 8, 1, 10_002);
        assertEquals(2, warnings.size());
        assertEquals(4L, (long) counters().get("core.out-of-order"));
        assertEquals(true, warnings.get(1).contains("seq 1 (generation 8) after seq 2 (generation 8)"));
        assertEquals(true, warnings.get(1).contains("2 similar message(s) suppressed"));
    }
}
