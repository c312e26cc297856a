package org.karabeat.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * Two Karabeat nodes (keepalive 1 s, deadtime 10 s) on one bridge, with an nftables rule in the bridge namespace
 * that drops 20 % of the frames each way (numgen random; this kernel has no netem). For two minutes nobody is
 * declared dead, lost messages are retransmitted, and the core gets every message once and in order. Positive
 * control: 100 % loss, and each node declares the other dead within deadtime + one keepalive.
 * <p>
 * The other positive control, two media and one of them cut (only that link dies, the node stays active), is
 * {@link KarabeatClusterIT#redundantLinksEachWithItsStateAndOneCopyOfEachMessage}: not repeated here.
 */
public class TransportLossIT {

    private static final long KEEPALIVE_MS = 1_000;
    private static final long DEADTIME_MS = 10_000;
    private static final int LOSS_PERCENT = 20;
    private static final long LOSS_SECONDS = Long.getLong("karabeat.loss.seconds", 120);
    /** Log polling (20 ms), the core's tick (100 ms) and the log write: what the measurement may add. */
    private static final long MARGIN_MS = 500;

    @Rule
    public Timeout timeout = Timeout.seconds(LOSS_SECONDS + 240);

    private static final String TIMING = "keepalive 1\nwarntime 5\ndeadtime 10\ninitdead 20\n";
    private static final String MEDIA = "ucast ens160 192.0.2.1\nucast ens160 192.0.2.2\n";

    @Test
    public void twentyPercentLossEachWayKillsNobodyAndIsRepairedAndFullLossIsSeenInDeadtime() throws Exception {
        try (LabPair pair = LabPair.create("loss")) {
            String cf = LabPair.haCf(TIMING, MEDIA);
            pair.start(cf, cf);
            NodeProcess node1 = pair.node1;
            NodeProcess node2 = pair.node2;

            // ---- 20 % loss each way for two minutes
            List<String> dead1 = LabPair.deadLines(node1);
            List<String> dead2 = LabPair.deadLines(node2);
            Map<String, Long> before1 = LabPair.counters(node1);
            Map<String, Long> before2 = LabPair.counters(node2);
            pair.loss("br", "n1", "n2", LOSS_PERCENT);
            long start = System.nanoTime();
            LabPair.Watch watch = pair.watch(2_000);
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(LOSS_SECONDS) && watch.violations().isEmpty()) {
                Thread.sleep(500);
            }
            watch.close();
            long lossMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            long nftDropped = pair.nftDropped("br");
            Map<String, Long> after1 = LabPair.counters(node1);
            Map<String, Long> after2 = LabPair.counters(node2);
            pair.heal("br");
            Map<String, Long> d1 = LabPair.delta(before1, after1);
            Map<String, Long> d2 = LabPair.delta(before2, after2);
            System.out.printf("FIGURE %d %% loss each way for %d ms: nft dropped %d frames; status samples %d "
                    + "(%d unanswered)%n", LOSS_PERCENT, lossMillis, nftDropped, watch.samples(), watch.unanswered());
            System.out.println("FIGURE node1 counters moved: " + d1);
            System.out.println("FIGURE node2 counters moved: " + d2);

            assertEquals("a node left active during the loss" + pair.logs(), List.of(), watch.violations());
            assertEquals("node1 declared something dead" + pair.logs(), dead1, LabPair.deadLines(node1));
            assertEquals("node2 declared something dead" + pair.logs(), dead2, LabPair.deadLines(node2));
            assertTrue("too few status samples: " + watch.samples(), watch.samples() >= LOSS_SECONDS / 2);
            assertTrue("the rule dropped nothing", nftDropped > 0);
            // each direction lost messages and got them again
            assertTrue("node2 -> node1: nothing asked for again or resent: " + d1 + " / " + d2,
                    LabPair.get(d1, "rexmit-requested") > 0 || LabPair.get(d2, "retransmitted") > 0);
            assertTrue("node1 -> node2: nothing asked for again or resent: " + d1 + " / " + d2,
                    LabPair.get(d2, "rexmit-requested") > 0 || LabPair.get(d1, "retransmitted") > 0);
            assertTrue("retransmissions: " + d1 + " / " + d2,
                    LabPair.get(d1, "retransmitted") + LabPair.get(d2, "retransmitted") > 0);
            assertEquals("messages given up by node1: " + d1, 0, LabPair.get(d1, "lost"));
            assertEquals("messages given up by node2: " + d2, 0, LabPair.get(d2, "lost"));

            // ---- positive control: 100 % loss, each side dead within deadtime + one keepalive
            Thread.sleep(3_000); // outstanding retransmissions settle
            assertEquals(dead1, LabPair.deadLines(node1));
            assertEquals(dead2, LabPair.deadLines(node2));
            pair.loss("br", "n1", "n2", 100);
            long cut = System.nanoTime();
            long[] seen = {-1, -1};
            NetLab.await(DEADTIME_MS + 10_000, () -> {
                try {
                    long now = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cut);
                    if (seen[0] < 0 && LabKarabeat.log(node1).contains("node node2: is dead")) {
                        seen[0] = now;
                    }
                    if (seen[1] < 0 && LabKarabeat.log(node2).contains("node node1: is dead")) {
                        seen[1] = now;
                    }
                } catch (java.io.IOException e) {
                    // next poll
                }
                return seen[0] >= 0 && seen[1] >= 0;
            });
            System.out.printf("FIGURE 100 %% loss -> dead: node1 sees node2 dead after %d ms, node2 sees node1 dead "
                    + "after %d ms (deadtime %d ms, keepalive %d ms)%n", seen[0], seen[1], DEADTIME_MS, KEEPALIVE_MS);
            for (long s : seen) {
                assertTrue("not dead within deadtime + keepalive + margin: " + s + " ms" + pair.logs(),
                        s >= 0 && s <= DEADTIME_MS + KEEPALIVE_MS + MARGIN_MS);
                assertTrue("dead after " + s + " ms, before deadtime - keepalive" + pair.logs(),
                        s >= DEADTIME_MS - KEEPALIVE_MS - MARGIN_MS);
            }
            assertEquals("dead", LabKarabeat.stateOf(node1, "node2"));
            assertEquals("dead", LabKarabeat.stateOf(node2, "node1"));

            // ---- the delivery audit at the transport edge, over the two minutes of loss
            for (Object[] n : new Object[][] {{"node1", after1}, {"node2", after2}}) {
                @SuppressWarnings("unchecked")
                Map<String, Long> c = (Map<String, Long>) n[1];
                assertEquals(n[0] + ": delivered out of order: " + c, 0, LabPair.required(c, "core.out-of-order", (String) n[0]));
                assertEquals(n[0] + ": skipped: " + c, 0, LabPair.required(c, "core.skipped", (String) n[0]));
            }
        }
    }
}
