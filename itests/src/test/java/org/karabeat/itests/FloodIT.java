package org.karabeat.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * 50,000 forged datagrams a second for 30 s at node1 from {@link Flooder} (its own JVM in namespace {@code fl},
 * 192.0.2.9): garbage, bad digests, a correctly signed unknown node, truncated messages and replays of node2's
 * real datagrams. node2 keeps sending all along (keepalive 1 s, deadtime 10 s), through {@link UdpRelay} in
 * pass-through mode (namespace {@code rl}, 192.0.2.3), which captures what the replays replay. Nobody is
 * declared dead, the log stays rate-limited, node1's RSS stays flat and every forged datagram is counted as
 * dropped.
 */
public class FloodIT {

    private static final int RATE = Integer.getInteger("karabeat.flood.rate", 50_000);
    private static final int MIN_RATE = RATE * 4 / 5;
    private static final int SECONDS = Integer.getInteger("karabeat.flood.seconds", 30);
    /** Bad packets are logged once per reason and sender every 10 s at most (docs/cluster.md). */
    private static final long LOG_INTERVAL_S = 10;
    /** RSS growth allowed from 10 s into the flood to its end, and from before the flood to 5 s after it. */
    private static final long RSS_WARM_GROWTH_KIB = 16 * 1024;
    private static final long RSS_TOTAL_GROWTH_KIB = 32 * 1024;
    private static final int WARMUP_S = 10;
    private static final Pattern DROP_LINE = Pattern.compile("Dropped a packet from 192\\.0\\.2\\.9.*?: ([^(:]+?)( \\(|$)");

    @Rule
    public Timeout timeout = Timeout.seconds(SECONDS + 180);

    @Test
    public void aFloodOfForgedDatagramsKillsNobodyFloodsNoLogAndGrowsNoMemory() throws Exception {
        try (LabPair pair = LabPair.create("flood")) {
            pair.lab.node("rl", "192.0.2.3/24");
            pair.lab.node("fl", "192.0.2.9/24");
            Path record = pair.work.resolve("relay.rec");
            Path relayStats = pair.work.resolve("relay.stats");
            LabJvm relay = pair.jvm("rl", UdpRelay.class, "relay.out", List.of("--listen", "192.0.2.3:694",
                    "--a", "192.0.2.1:694", "--b", "192.0.2.2:694", "--record", record.toString(),
                    "--record-max", "2000", "--stats", relayStats.toString()));
            if (NetLab.await(20_000, () -> Files.exists(relayStats) || !relay.alive()) < 0 || !relay.alive()) {
                throw new AssertionError("the relay did not start: " + Files.readString(relay.output()));
            }
            String cf = LabPair.haCf("keepalive 1\nwarntime 5\ndeadtime 10\ninitdead 20\n", "ucast ens160 192.0.2.3\n");
            pair.start(cf, cf);
            NodeProcess node1 = pair.node1;
            NodeProcess node2 = pair.node2;
            pair.awaitOrFail(20_000, "10 datagrams of node2 captured", () -> {
                try {
                    return Flooder.readRecord(record, "192.0.2.2").size() >= 10;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            Path capture = pair.work.resolve("capture.rec");
            Files.copy(record, capture);
            long pid = node1.process().pid();

            List<String> dead1 = LabPair.deadLines(node1);
            List<String> dead2 = LabPair.deadLines(node2);
            Map<String, Long> before = LabPair.counters(node1);
            Map<String, Long> udpBefore = pair.udpStats("n1");
            long linesBefore = LabKarabeat.log(node1).lines().count();
            long rssBefore = LabPair.rssKib(pid);
            LabPair.Watch watch = pair.watch(2_000);

            Path result = pair.work.resolve("flood.result");
            long start = System.nanoTime();
            LabJvm flooder = pair.jvm("fl", Flooder.class, "flood.out", List.of("--target", "192.0.2.1:694",
                    "--rate", Integer.toString(RATE), "--seconds", Integer.toString(SECONDS),
                    "--mix", "garbage,bad-digest,unknown-node,truncated,replay", "--authkeys",
                    pair.authkeysFile().toString(), "--claim", "node2", "--replay", capture.toString(),
                    "--replay-from", "192.0.2.2", "--result", result.toString()));
            List<Long> rss = new ArrayList<>();
            long rssWarm = -1;
            while (flooder.alive() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(SECONDS + 30)) {
                Thread.sleep(1_000);
                long r = LabPair.rssKib(pid);
                rss.add(r);
                if (rssWarm < 0 && System.nanoTime() - start >= TimeUnit.SECONDS.toNanos(WARMUP_S)) {
                    rssWarm = r;
                }
            }
            assertEquals("the flooder failed: " + Files.readString(flooder.output()), 0, flooder.await(10_000));
            Thread.sleep(2_000); // the last datagrams are read, and the status's counters follow (once a second)
            Map<String, Long> after = LabPair.counters(node1);
            Map<String, Long> udpAfter = pair.udpStats("n1");
            List<String> added = LabKarabeat.log(node1).lines().skip(linesBefore).toList();
            Thread.sleep(4_000); // node2 still heard, the watch goes on for a while
            long rssAfter = LabPair.rssKib(pid);
            watch.close();
            long rssDuringMax = rss.stream().mapToLong(Long::longValue).max().orElse(-1);
            long rssLateMax = rss.subList(Math.min(rss.size(), WARMUP_S), rss.size()).stream().mapToLong(Long::longValue)
                    .max().orElse(rssWarm);

            Map<String, Long> sent = UdpRelay.readStats(result);
            Map<String, Long> d = LabPair.delta(before, after);
            Map<String, Long> kernel = LabPair.delta(udpBefore, udpAfter);
            long droppedDelta = LabPair.dropped(after) - LabPair.dropped(before);
            long kernelDropped = LabPair.get(kernel, "RcvbufErrors");
            Map<String, Integer> linesByReason = new TreeMap<>();
            for (String l : added) {
                Matcher m = DROP_LINE.matcher(l);
                if (m.find()) {
                    linesByReason.merge(m.group(1).replaceAll("\\[[^]]*\\]", "[]").trim(), 1, Integer::sum);
                }
            }
            System.out.println("FIGURE flooder: " + sent);
            System.out.println("FIGURE node1 counters moved: " + d);
            System.out.printf("FIGURE node1 dropped.* grew by %d, the kernel dropped %d more (RcvbufErrors) of %d sent; "
                    + "kernel UDP figures moved: %s%n", droppedDelta, kernelDropped, LabPair.get(sent, "sent"), kernel);
            System.out.printf("FIGURE node1 log: %d lines added during the flood, bad-packet lines by reason: %s%n",
                    added.size(), linesByReason);
            System.out.printf("FIGURE node1 VmRSS: %d KiB before, %d KiB at %d s, max %d KiB during (max %d KiB after "
                    + "warm-up), %d KiB 6 s after; samples %s%n", rssBefore, rssWarm, WARMUP_S, rssDuringMax, rssLateMax,
                    rssAfter, rss);
            System.out.printf("FIGURE status samples %d (%d unanswered)%n", watch.samples(), watch.unanswered());
            added.forEach(l -> System.out.println("LOG " + l));

            // nobody was declared dead
            assertEquals("a node left active during the flood" + pair.logs(), List.of(), watch.violations());
            assertEquals("node1 declared something dead" + pair.logs(), dead1, LabPair.deadLines(node1));
            assertEquals("node2 declared something dead" + pair.logs(), dead2, LabPair.deadLines(node2));
            assertTrue("too few status samples: " + watch.samples(), watch.samples() >= SECONDS / 2);
            // the flood was a flood
            long rate = LabPair.get(sent, "rate");
            assertTrue("this machine could not generate the flood: " + rate + " datagrams/s achieved, " + MIN_RATE
                    + " needed (" + sent + ")", rate >= MIN_RATE);
            // each forged datagram counted as dropped (or dropped by the kernel before the node could read it)
            long total = LabPair.get(sent, "sent");
            assertTrue("dropped.* + kernel drops = " + (droppedDelta + kernelDropped) + " for " + total + " sent",
                    droppedDelta + kernelDropped >= total * 9 / 10 && droppedDelta + kernelDropped <= total + 1_000);
            for (String reason : List.of("dropped.unknown-format", "dropped.bad-digest", "dropped.unknown-node",
                    "dropped.truncated", "dropped.stale")) {
                assertTrue(reason + " did not grow: " + d, LabPair.get(d, reason) > 0);
            }
            // the log stays rate-limited: one line per reason and sender per 10 s at most
            long perReason = (SECONDS + LOG_INTERVAL_S - 1) / LOG_INTERVAL_S + 1;
            linesByReason.forEach((reason, n) -> assertTrue(n + " lines for '" + reason + "' in " + SECONDS + " s, at "
                    + "most " + perReason + " allowed", n <= perReason));
            assertTrue("bad-packet lines logged: " + linesByReason, linesByReason.size() >= 3);
            assertTrue(added.size() + " lines logged during the flood: " + String.join("\n", added),
                    added.size() <= 6 * perReason + 10);
            // memory stays flat
            assertTrue("VmRSS grew " + (rssLateMax - rssWarm) + " KiB after warm-up: " + rss,
                    rssLateMax - rssWarm <= RSS_WARM_GROWTH_KIB);
            assertTrue("VmRSS grew " + (rssAfter - rssBefore) + " KiB over the flood: " + rssBefore + " -> " + rssAfter,
                    rssAfter - rssBefore <= RSS_TOTAL_GROWTH_KIB);
        }
    }
}
