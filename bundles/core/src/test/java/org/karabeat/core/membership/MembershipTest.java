package org.karabeat.core.membership;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.Test;

/** Membership as heartbeat decides it, on simulated time (milliseconds). */
public class MembershipTest {

    private static final long DEADTIME = 10_000;
    private static final long WARNTIME = 5_000;
    private static final long INITDEAD = 15_000;

    private final Membership m = new Membership("hb1", List.of("hb1", "hb2"), List.of("ens160"), DEADTIME, WARNTIME,
            INITDEAD, 0);

    private static List<String> logs(List<MembershipEvent> events) {
        return events.stream().filter(e -> e instanceof MembershipEvent.Log).map(e -> {
            MembershipEvent.Log l = (MembershipEvent.Log) e;
            return l.level() + ": " + l.text();
        }).collect(Collectors.toList());
    }

    @Test
    public void bothNodesUpTheHandshakeBringsCommunicationUp() {
        List<MembershipEvent> start = m.started();
        assertEquals("up", m.localStatus());
        assertTrue(logs(start).contains("INFO: Local status now set to: 'up'"));

        List<MembershipEvent> heard = m.heard("hb2", "ens160", 300);
        assertTrue(logs(heard).contains("INFO: Link hb2:ens160 up."));
        assertTrue("reqnodes to the peer once every node is heard", heard.contains(new MembershipEvent.SendReqnodes("hb2")));
        assertTrue(logs(m.status("hb2", "up", Optional.of(12_000L), 300)).contains("INFO: Status update for node hb2: status up"));
        assertFalse(m.commUp());

        List<MembershipEvent> rep = m.repnodes("hb2");
        assertTrue(m.commUp());
        assertEquals("active", m.localStatus());
        assertTrue(logs(rep).contains("INFO: Comm_now_up(): updating status to active"));
        assertTrue(rep.contains(new MembershipEvent.CommUp()));
        assertTrue(rep.contains(new MembershipEvent.SendStatus()));
    }

    @Test
    public void aPeerNeverHeardIsDeadAtInitdeadAndTheLoneNodeGoesActive() {
        m.started();
        assertTrue(logs(m.tick(INITDEAD)).isEmpty());
        List<MembershipEvent> out = m.tick(INITDEAD + 1);
        assertTrue(logs(out).contains("WARN: node hb2: is dead"));
        assertTrue(out.contains(new MembershipEvent.NodeChanged("hb2", "init", "dead")));
        assertTrue(m.commUp());
        assertEquals("active", m.localStatus());
    }

    @Test
    public void aPeerThatStopsSendingIsDeadAfterItsAdvertisedDeadtime() {
        upAndActive();
        m.heard("hb2", "ens160", 2_000);
        m.status("hb2", "active", Optional.of(DEADTIME), 2_000);
        assertTrue(logs(m.tick(2_000 + DEADTIME)).isEmpty());
        List<MembershipEvent> out = m.tick(2_000 + DEADTIME + 1);
        assertEquals(List.of("WARN: node hb2: is dead", "INFO: Link hb2:ens160 dead."), logs(out));
        assertEquals("dead", m.peer("hb2").get().status());
    }

    @Test
    public void theDeadtimeAPeerAdvertisesIsTheOneUsed() {
        upAndActive();
        m.status("hb2", "active", Optional.of(40_000L), 2_000); // a peer shutting down advertises 40 s
        assertTrue(logs(m.tick(2_000 + 39_000)).stream().noneMatch(l -> l.contains("is dead")));
        assertTrue(logs(m.tick(2_000 + 40_001)).contains("WARN: node hb2: is dead"));
    }

    @Test
    public void lateHeartbeatsAreWarnedAndCounted() {
        upAndActive();
        m.status("hb2", "active", Optional.empty(), 1_000);
        assertEquals(List.of("WARN: Late heartbeat: Node hb2: interval 6000 ms"),
                logs(m.status("hb2", "active", Optional.empty(), 7_000)));
        assertEquals(1, m.peer("hb2").get().lateHeartbeats());
        assertEquals(List.of("CRIT: Late heartbeat: Node hb2: interval 17000 ms (> deadtime)", "WARN: node hb2: is dead",
                "INFO: Status update for node hb2: status active"), logs(m.status("hb2", "active", Optional.empty(), 24_000)));
    }

    @Test
    public void shutdoneMarksThePeerDeadAtOnce() {
        upAndActive();
        List<MembershipEvent> out = m.shutdown("hb2");
        assertEquals(List.of("INFO: Received shutdown notice from 'hb2'.", "WARN: node hb2: is dead",
                "INFO: Link hb2:ens160 dead."), logs(out));
        assertTrue(m.shutdown("hb2").isEmpty());
    }

    @Test
    public void withTwoMediaOneLinkDiesAndTheNodeStays() {
        Membership two = new Membership("hb1", List.of("hb1", "hb2"), List.of("eth0", "eth1"), DEADTIME, WARNTIME,
                INITDEAD, 0);
        two.started();
        for (long t = 1_000; t <= 30_000; t += 1_000) {
            two.heard("hb2", "eth0", t);
            if (t <= 5_000) {
                two.heard("hb2", "eth1", t);
            }
            two.status("hb2", "active", Optional.empty(), t);
            List<String> logs = logs(two.tick(t));
            if (t == 16_000) {
                assertEquals(List.of("INFO: Link hb2:eth1 dead."), logs);
            }
        }
        assertEquals("active", two.peer("hb2").get().status());
        assertEquals("up", two.peer("hb2").get().links().get("eth0").state());
        assertEquals("dead", two.peer("hb2").get().links().get("eth1").state());
    }

    @Test
    public void aRestartResetsLatenessAndIsLoggedFromTheSecondGeneration() {
        upAndActive();
        assertTrue(logs(m.restarted("hb2", 100)).isEmpty());
        assertEquals(List.of("INFO: Heartbeat restart on node hb2"), logs(m.restarted("hb2", 101)));
        assertEquals(101, m.peer("hb2").get().generation());
    }

    @Test
    public void aDeadNodeSpeakingInTheSameGenerationReturnsAfterPartition() {
        upAndActive();
        m.restarted("hb2", 100);
        m.status("hb2", "active", Optional.of(DEADTIME), 1_000);
        m.tick(11_001);
        assertEquals("dead", m.peer("hb2").get().status());
        List<String> back = logs(m.status("hb2", "active", Optional.of(DEADTIME), 18_000));
        assertEquals(List.of("CRIT: Late heartbeat: Node hb2: interval 17000 ms (> deadtime)",
                "CRIT: Cluster node hb2 returning after partition.",
                "INFO: For information on cluster partitions, See URL: http://linux-ha.org/wiki/Split_Brain",
                "WARN: Deadtime value may be too small.", "INFO: See FAQ for information on tuning deadtime.",
                "INFO: URL: http://linux-ha.org/wiki/FAQ#Heavy_Load", "INFO: Status update for node hb2: status active"),
                back);
        assertEquals("active", m.peer("hb2").get().status());
    }

    @Test
    public void aDeadNodeWithANewGenerationRestartedAndDidNotPartition() {
        upAndActive();
        m.restarted("hb2", 100);
        m.status("hb2", "active", Optional.of(DEADTIME), 1_000);
        m.shutdown("hb2");
        assertEquals("dead", m.peer("hb2").get().status());
        assertEquals(List.of("INFO: Heartbeat restart on node hb2"), logs(m.restarted("hb2", 101)));
        assertEquals(List.of("INFO: Status update for node hb2: status init"),
                logs(m.status("hb2", "init", Optional.of(12_000L), 30_000)));
    }

    @Test
    public void statusSentAfterShutdoneInTheSameGenerationChangesNothing() {
        upAndActive();
        m.restarted("hb2", 100);
        m.status("hb2", "active", Optional.of(DEADTIME), 1_000);
        m.shutdown("hb2");
        assertEquals("dead", m.peer("hb2").get().links().get("ens160").state());
        // the classic daemon sends one more st=active status while it exits
        assertTrue(m.heard("hb2", "ens160", 1_300).isEmpty());
        assertTrue(m.status("hb2", "active", Optional.of(40_000L), 1_300).isEmpty());
        assertEquals("dead", m.peer("hb2").get().status());
        assertEquals("dead", m.peer("hb2").get().links().get("ens160").state());
    }

    @Test
    public void aStatusHeldBackByTheTransportDoesNotDelayLiveness() {
        upAndActive();
        m.statusDelivered("hb2", "active", Optional.of(DEADTIME), 1_000);
        // status 2 was lost; 3..25 arrive each second but wait for it in the transport
        for (long t = 2_000; t <= 25_000; t += 1_000) {
            List<String> logs = logs(m.heard("hb2", "ens160", t));
            logs.addAll(logs(m.statusArrived("hb2", t)));
            logs.addAll(logs(m.tick(t + 500)));
            assertEquals("at " + t, List.of(), logs);
        }
        assertEquals("active", m.peer("hb2").get().status());
        // released all at once: no late heartbeat, no status change
        for (long i = 0; i < 24; i++) {
            assertTrue(logs(m.statusDelivered("hb2", "active", Optional.of(DEADTIME), 25_100)).isEmpty());
        }
        assertEquals(0, m.peer("hb2").get().lateHeartbeats());
        assertEquals("liveness counts from the arrival", Optional.of(25_000L), m.peer("hb2").get().lastHeard());
    }

    @Test
    public void lateHeartbeatsAreMeasuredOnArrival() {
        upAndActive();
        m.statusArrived("hb2", 1_000);
        assertEquals(List.of("WARN: Late heartbeat: Node hb2: interval 6000 ms"), logs(m.statusArrived("hb2", 7_000)));
        assertTrue("delivered later, it is not late again",
                logs(m.statusDelivered("hb2", "active", Optional.empty(), 9_000)).stream().noneMatch(l -> l.contains("Late")));
        assertEquals(1, m.peer("hb2").get().lateHeartbeats());
    }

    @Test
    public void aStatusThatArrivedBeforeTheNodeDiedDoesNotBringItBackWhenDeliveredLate() {
        upAndActive();
        m.restarted("hb2", 100);
        m.status("hb2", "active", Optional.of(DEADTIME), 1_000);
        m.statusArrived("hb2", 2_000); // held behind a lost message, then the node falls silent
        assertFalse(logs(m.tick(12_000)).contains("WARN: node hb2: is dead"));
        assertTrue(logs(m.tick(12_001)).contains("WARN: node hb2: is dead"));
        assertEquals("dead", m.peer("hb2").get().status());
        // the transport gives the lost message up and releases the held status: old news
        assertTrue(m.statusDelivered("hb2", "active", Optional.of(DEADTIME), 12_050).isEmpty());
        assertEquals("dead", m.peer("hb2").get().status());
        // it speaks again: back after the partition
        m.statusArrived("hb2", 20_000);
        assertTrue(logs(m.statusDelivered("hb2", "active", Optional.of(DEADTIME), 20_000))
                .contains("CRIT: Cluster node hb2 returning after partition."));
        assertEquals("active", m.peer("hb2").get().status());
    }

    @Test
    public void reqnodesFromAKnownPeerIsAnswered() {
        assertEquals(List.of(new MembershipEvent.SendRepnodes("hb2")), m.reqnodes("hb2"));
        assertTrue(m.reqnodes("intruder").isEmpty());
    }

    private void upAndActive() {
        m.started();
        m.heard("hb2", "ens160", 500);
        m.status("hb2", "up", Optional.of(DEADTIME), 500);
        m.repnodes("hb2");
        assertTrue(m.commUp());
    }
}
