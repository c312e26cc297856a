package org.karabeat.core.membership;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.karabeat.core.membership.MembershipEvent.Level;

/**
 * Who is in the cluster, decided as heartbeat 3.0.6 decides it ({@code heartbeat.c}: check_for_timeouts,
 * HBDoMsg_T_STATUS, check_comm_isup, send_reqnodes_msg, comm_now_up, should_drop_message). Pure: no thread,
 * no clock, no I/O — every input carries the time ({@code nanoTime}-style monotonic milliseconds) and every
 * decision comes back as {@link MembershipEvent}s.
 *
 * <pre>
 * Node states (words as cl_status prints them):
 *
 *            status msg st=up/active           deadtime without any packet
 *   init ------------------------------> up/active ------------------------> dead
 *     |                                     ^  |                               |
 *     | initdead, never heard               |  | t=shutdone                    | packet, same generation:
 *     +------------------------------> dead |  +-----------------------> dead  |   "returning after partition"
 *                                           +------------------------------------+ newer generation: "restart"
 *
 * Local node:  init --(first keepalive)--> up --(every node heard or dead, reqnodes answered)--> active
 * Timers:      a peer is dead when nothing was heard from it for the deadtime it advertises (its dt), or
 *              for initdead before communication is up; a link (one medium of one peer) likewise.
 *              A status later than warntime is a "Late heartbeat" warning, later than deadtime critical.
 * </pre>
 */
public final class Membership {

    public static final String INIT = "init";
    public static final String UP = "up";
    public static final String ACTIVE = "active";
    public static final String DEAD = "dead";

    /** What one peer looks like from here. */
    public static final class Peer {
        final String name;
        String status = INIT;
        boolean anyPacket;
        long lastHeard = Long.MIN_VALUE;
        long deadtimeMs;
        int late;
        long generation;
        /** A new generation was seen and no status of it yet: a dead node that speaks again restarted. */
        boolean freshGeneration;
        /** It sent shutdone in this generation: its last status messages until it exits change nothing. */
        boolean departed;
        /** A status of it arrived after it was declared dead: its next delivered status brings it back. */
        boolean spokeSinceDeath;
        final Map<String, Link> links = new LinkedHashMap<>();

        Peer(String name, long deadtimeMs, List<String> media) {
            this.name = name;
            this.deadtimeMs = deadtimeMs;
            for (String m : media) {
                links.put(m, new Link(m));
            }
        }

        public String name() {
            return name;
        }

        public String status() {
            return status;
        }

        /** Monotonic millis of the last packet, empty if never. */
        public Optional<Long> lastHeard() {
            return anyPacket ? Optional.of(lastHeard) : Optional.empty();
        }

        public int lateHeartbeats() {
            return late;
        }

        public long generation() {
            return generation;
        }

        public Map<String, Link> links() {
            return Collections.unmodifiableMap(links);
        }
    }

    /** One medium to one peer. */
    public static final class Link {
        final String medium;
        boolean up;
        boolean everUp;
        long lastHeard = Long.MIN_VALUE;

        Link(String medium) {
            this.medium = medium;
        }

        public String medium() {
            return medium;
        }

        /** {@code up}, {@code dead}, or {@code init} before anything was heard on it. */
        public String state() {
            return up ? "up" : everUp ? DEAD : INIT;
        }

        public Optional<Long> lastHeard() {
            return everUp ? Optional.of(lastHeard) : Optional.empty();
        }
    }

    private final String local;
    private final long deadtimeMs;
    private final long warntimeMs;
    private final long initdeadMs;
    private final long startedAt;
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    private String localStatus = INIT;
    private boolean linksUp;
    private boolean commUp;

    /**
     * @param local   this node's name
     * @param nodes   every node of {@code ha.cf} (the local one is skipped)
     * @param media   the names of the links each peer can be heard on (interfaces, as heartbeat names links)
     * @param now     monotonic milliseconds at start
     */
    public Membership(String local, List<String> nodes, List<String> media, long deadtimeMs, long warntimeMs,
            long initdeadMs, long now) {
        this.local = local;
        this.deadtimeMs = deadtimeMs;
        this.warntimeMs = warntimeMs;
        this.initdeadMs = initdeadMs;
        this.startedAt = now;
        for (String n : nodes) {
            if (!n.equals(local)) {
                peers.put(n, new Peer(n, deadtimeMs, media));
            }
        }
    }

    public String localStatus() {
        return localStatus;
    }

    public boolean commUp() {
        return commUp;
    }

    /** The peers, in {@code ha.cf} order. */
    public List<Peer> peers() {
        return List.copyOf(peers.values());
    }

    public Optional<Peer> peer(String name) {
        return Optional.ofNullable(peers.get(name));
    }

    /** The first keepalive has gone out: the local node is up (heartbeat sends init, then up). */
    public List<MembershipEvent> started() {
        List<MembershipEvent> out = new ArrayList<>();
        setLocal(UP, out);
        checkComm(out);
        return out;
    }

    /**
     * An authenticated packet from {@code node} arrived on {@code medium} (any message: heartbeat counts them
     * all as signs of life). Unknown nodes are ignored.
     */
    public List<MembershipEvent> heard(String node, String medium, long now) {
        List<MembershipEvent> out = new ArrayList<>();
        Peer p = peers.get(node);
        if (p == null) {
            return out;
        }
        p.anyPacket = true;
        Link l = p.links.computeIfAbsent(medium, Link::new);
        l.lastHeard = now;
        if (!l.up && !p.departed) { // what a leaving node still sends does not bring its links back
            l.up = true;
            l.everUp = true;
            out.add(new MembershipEvent.Log(Level.INFO, "Link " + node + ":" + medium + " up."));
            out.add(new MembershipEvent.LinkChanged(node, medium, true));
        }
        checkComm(out);
        return out;
    }

    /**
     * A status message ({@code t=status st=... dt=...}) from {@code node} that arrived and is handled at once:
     * {@link #statusArrived} then {@link #statusDelivered}.
     */
    public List<MembershipEvent> status(String node, String st, Optional<Long> advertisedDeadtimeMs, long now) {
        if (st == null) {
            return new ArrayList<>();
        }
        List<MembershipEvent> out = statusArrived(node, now);
        out.addAll(statusDelivered(node, st, advertisedDeadtimeMs, now));
        return out;
    }

    /**
     * A new status message of {@code node} arrived (the transport may hand over its content later, in order):
     * the node is alive now. Heartbeat measures liveness and lateness from the arrival of status messages
     * ({@code local_lastupdate}), so this is when they are measured, however long the message waits.
     */
    public List<MembershipEvent> statusArrived(String node, long now) {
        List<MembershipEvent> out = new ArrayList<>();
        Peer p = peers.get(node);
        if (p == null || p.departed) {
            return out;
        }
        if (p.lastHeard != Long.MIN_VALUE) {
            long interval = now - p.lastHeard;
            if (interval > deadtimeMs) {
                p.late++;
                out.add(new MembershipEvent.Log(Level.CRIT, "Late heartbeat: Node " + node + ": interval " + interval
                        + " ms (> deadtime)"));
                if (!DEAD.equals(p.status)) {
                    markDead(p, out); // as heartbeat: it was late beyond deadtime, whatever its status says now
                }
            } else if (interval > warntimeMs) {
                p.late++;
                out.add(new MembershipEvent.Log(Level.WARN, "Late heartbeat: Node " + node + ": interval " + interval
                        + " ms"));
            }
        }
        if (DEAD.equals(p.status)) {
            p.spokeSinceDeath = true;
        }
        p.lastHeard = now;
        checkComm(out);
        return out;
    }

    /**
     * The content of a status message of {@code node}, in its turn (after {@link #statusArrived} for it). A
     * status that arrived before the node was declared dead and comes late does not bring it back.
     *
     * @param advertisedDeadtimeMs the node's advertised deadtime ({@code dt}), if it sent one
     */
    public List<MembershipEvent> statusDelivered(String node, String st, Optional<Long> advertisedDeadtimeMs,
            long now) {
        List<MembershipEvent> out = new ArrayList<>();
        Peer p = peers.get(node);
        if (p == null || st == null || p.departed) {
            return out;
        }
        if (DEAD.equals(p.status)) {
            if (!p.spokeSinceDeath) {
                return out;
            }
            if (!p.freshGeneration && p.generation > 0) {
                returnedAfterPartition(node, out);
            }
        }
        p.freshGeneration = false;
        advertisedDeadtimeMs.filter(d -> d > 0).ifPresent(d -> p.deadtimeMs = d);
        if (!st.equalsIgnoreCase(p.status)) {
            String before = p.status;
            p.status = st.toLowerCase();
            out.add(new MembershipEvent.Log(Level.INFO, "Status update for node " + node + ": status " + p.status));
            out.add(new MembershipEvent.NodeChanged(node, before, p.status));
        }
        checkComm(out);
        return out;
    }

    /**
     * The node's generation grew: it restarted (heartbeat resets its view of it), or it was heard for the
     * first time.
     */
    public List<MembershipEvent> restarted(String node, long generation) {
        List<MembershipEvent> out = new ArrayList<>();
        Peer p = peers.get(node);
        if (p == null) {
            return out;
        }
        if (p.generation > 0) {
            out.add(new MembershipEvent.Log(Level.INFO, "Heartbeat restart on node " + node));
        }
        p.generation = generation;
        p.freshGeneration = true;
        p.departed = false;
        p.lastHeard = Long.MIN_VALUE;
        p.late = 0;
        return out;
    }

    /** A status of the node's current generation arrived while it was dead: a partition healed. */
    private static void returnedAfterPartition(String node, List<MembershipEvent> out) {
        out.add(new MembershipEvent.Log(Level.CRIT, "Cluster node " + node + " returning after partition."));
        out.add(new MembershipEvent.Log(Level.INFO,
                "For information on cluster partitions, See URL: http://linux-ha.org/wiki/Split_Brain"));
        out.add(new MembershipEvent.Log(Level.WARN, "Deadtime value may be too small."));
        out.add(new MembershipEvent.Log(Level.INFO, "See FAQ for information on tuning deadtime."));
        out.add(new MembershipEvent.Log(Level.INFO, "URL: http://linux-ha.org/wiki/FAQ#Heavy_Load"));
    }

    /** {@code t=shutdone} from the node: it left gracefully, dead at once. */
    public List<MembershipEvent> shutdown(String node) {
        List<MembershipEvent> out = new ArrayList<>();
        Peer p = peers.get(node);
        if (p == null) {
            return out;
        }
        p.departed = true;
        if (DEAD.equals(p.status)) {
            return out;
        }
        out.add(new MembershipEvent.Log(Level.INFO, "Received shutdown notice from '" + node + "'."));
        markDead(p, out);
        // it said goodbye: its links fall silent now, not at the end of the deadtime it advertised
        for (Link l : p.links.values()) {
            if (l.up) {
                l.up = false;
                out.add(new MembershipEvent.Log(Level.INFO, "Link " + p.name + ":" + l.medium + " dead."));
                out.add(new MembershipEvent.LinkChanged(p.name, l.medium, false));
            }
        }
        return out;
    }

    /** {@code t=reqnodes dest=us} from a peer: answer with our node list. */
    public List<MembershipEvent> reqnodes(String from) {
        return peers.containsKey(from) ? List.of(new MembershipEvent.SendRepnodes(from)) : List.of();
    }

    /** {@code t=repnodes} answered our request: communication is up. */
    public List<MembershipEvent> repnodes(String from) {
        List<MembershipEvent> out = new ArrayList<>();
        if (linksUp && !commUp && peers.containsKey(from)) {
            commNowUp(out);
        }
        return out;
    }

    /**
     * Timeouts: nodes and links not heard for their deadtime (initdead until communication is up) die; an
     * unanswered reqnodes is sent again (heartbeat retries every second). Call at least once per keepalive.
     */
    public List<MembershipEvent> tick(long now) {
        List<MembershipEvent> out = new ArrayList<>();
        for (Peer p : peers.values()) {
            // liveness is measured from the arrival of status messages, as heartbeat's local_lastupdate
            long limit = linksUp ? p.deadtimeMs : initdeadMs;
            long since = p.lastHeard == Long.MIN_VALUE ? startedAt : p.lastHeard;
            if (!DEAD.equals(p.status) && now - since > limit) {
                markDead(p, out);
            }
            for (Link l : p.links.values()) {
                if (l.up && now - l.lastHeard > p.deadtimeMs) {
                    l.up = false;
                    out.add(new MembershipEvent.Log(Level.INFO, "Link " + p.name + ":" + l.medium + " dead."));
                    out.add(new MembershipEvent.LinkChanged(p.name, l.medium, false));
                }
            }
        }
        checkComm(out);
        if (linksUp && !commUp) {
            askNodes(out);
        }
        return out;
    }

    private void markDead(Peer p, List<MembershipEvent> out) {
        String before = p.status;
        p.status = DEAD;
        p.spokeSinceDeath = false;
        out.add(new MembershipEvent.Log(Level.WARN, "node " + p.name + ": is dead"));
        out.add(new MembershipEvent.NodeChanged(p.name, before, DEAD));
    }

    /** heartbeat's check_comm_isup: every node heard from, or dead. */
    private void checkComm(List<MembershipEvent> out) {
        if (linksUp || INIT.equals(localStatus)) {
            return;
        }
        for (Peer p : peers.values()) {
            if (!p.anyPacket && !DEAD.equals(p.status)) {
                return;
            }
        }
        linksUp = true;
        askNodes(out);
    }

    /** heartbeat's send_reqnodes_msg: ask the first live peer; with none alive, communication is up. */
    private void askNodes(List<MembershipEvent> out) {
        for (Peer p : peers.values()) {
            if (!DEAD.equals(p.status)) {
                out.add(new MembershipEvent.SendReqnodes(p.name));
                return;
            }
        }
        commNowUp(out);
    }

    private void commNowUp(List<MembershipEvent> out) {
        if (commUp) {
            return;
        }
        commUp = true;
        out.add(new MembershipEvent.Log(Level.INFO, "Comm_now_up(): updating status to active"));
        setLocal(ACTIVE, out);
        out.add(new MembershipEvent.CommUp());
    }

    private void setLocal(String st, List<MembershipEvent> out) {
        if (!st.equals(localStatus)) {
            String before = localStatus;
            localStatus = st;
            out.add(new MembershipEvent.Log(Level.INFO, "Local status now set to: '" + st + "'"));
            out.add(new MembershipEvent.NodeChanged(local, before, st));
            out.add(new MembershipEvent.SendStatus());
        }
    }
}
