package org.karabeat.core.node;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.karabeat.api.ClusterEvent;
import org.karabeat.api.LinkState;
import org.karabeat.api.LinkStatus;
import org.karabeat.api.NodeState;
import org.karabeat.api.NodeStatus;
import org.karabeat.api.TransportStatus;
import org.karabeat.config.legacy.HaCf;
import org.karabeat.core.log.HbLog;
import org.karabeat.core.membership.Membership;
import org.karabeat.core.membership.MembershipEvent;
import org.karabeat.core.status.Snapshots;
import org.karabeat.transport.HeartbeatTransport;
import org.karabeat.transport.TransportConfig;
import org.karabeat.transport.TransportFactory;
import org.karabeat.transport.TransportListener;
import org.karabeat.transport.wire.HbMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Membership} on the core thread: sends the keepalive (status) messages, feeds it what the
 * transport receives and the passing time, and carries out what it decides (log lines, messages, state
 * changes). The transport's callbacks arrive on its I/O thread and are posted here.
 */
final class HeartbeatLoop implements TransportListener {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatLoop.class);
    /** How often timeouts are checked: well under a keepalive, so a dead node is seen within 0.1 s of deadtime. */
    private static final long TICK_MS = 100;
    /** The status snapshot follows counters and last-heard times at most this often (changes go at once). */
    private static final long REPUBLISH_MS = 1_000;
    /** Heartbeat advertises deadtime + 2 s for the first 5 s after start (hb_add_deadtime(2000)). */
    private static final long START_EXTRA_MS = 2_000;
    private static final long START_EXTRA_FOR_MS = 5_000;
    /** ...and deadtime + 30 s while it shuts down, so peers wait while it releases its resources. */
    private static final long SHUTDOWN_EXTRA_MS = 30_000;
    static final String PROTOCOL_VERSION = "1";
    private static final long OPEN_RETRY_MS = 5_000;
    /** The same reason for not opening is logged again at most this often. */
    private static final long OPEN_ERROR_LOG_MS = 60_000;

    /** Where membership changes go: the node republishes its status and its events. */
    interface Sink {
        void changed();

        void event(ClusterEvent.Type type, String subject, String message);
    }

    private final String local;
    private final HaCf haCf;
    private final ScheduledExecutorService core;
    private final Clock clock;
    private final LongSupplier monotonicMs;
    private final Sink sink;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();

    // core thread only
    private TransportFactory factory;
    private TransportConfig config;
    private String openError;
    private long openErrorLoggedAt;
    private Membership membership;
    private HeartbeatTransport transport;
    private long advertisedDeadtimeMs;
    private boolean stopping;
    private long keepaliveMs;
    /** When the last keepalive went out (monotonic ms). */
    private long lastKeepaliveMs;
    private long lastRepublishMs;

    HeartbeatLoop(String local, HaCf haCf, ScheduledExecutorService core, Clock clock, LongSupplier monotonicMs,
            Sink sink) {
        this.local = local;
        this.haCf = haCf;
        this.core = core;
        this.clock = clock;
        this.monotonicMs = monotonicMs;
        this.sink = sink;
    }

    /**
     * Core thread: opens the transport and starts the keepalive. A transport that cannot open (an interface
     * not up yet at boot, a port taken) is logged and tried again every few seconds.
     */
    void start(TransportFactory factory, TransportConfig config) {
        this.factory = factory;
        this.config = config;
        tryOpen();
    }

    private void tryOpen() {
        if (stopping) {
            return;
        }
        long now = monotonicMs.getAsLong();
        try {
            transport = factory.open(config, this);
        } catch (IOException | RuntimeException e) {
            String why = String.valueOf(e.getMessage());
            if (!why.equals(openError) || now - openErrorLoggedAt >= OPEN_ERROR_LOG_MS) {
                LOG.error("Cannot start the heartbeat transport: {}", why);
                LOG.error("Trying again every {} s; peers cannot be seen until then", OPEN_RETRY_MS / 1000);
                openError = why;
                openErrorLoggedAt = now;
            }
            timers.add(core.schedule(this::tryOpen, OPEN_RETRY_MS, TimeUnit.MILLISECONDS));
            return;
        }
        if (openError != null) {
            LOG.info("Heartbeat transport started");
        }
        // initdead counts from here: peers could not be heard before
        membership = new Membership(local, haCf.nodes(), linkNames(config), haCf.deadtime().toMillis(),
                haCf.warntime().toMillis(), haCf.initdead().toMillis(), now);
        LOG.info("Heartbeat generation: {}", transport.generation());
        LOG.info("Local node uuid: {}", transport.uuid());
        advertisedDeadtimeMs = haCf.deadtime().toMillis() + START_EXTRA_MS;
        // as heartbeat: init, then up at once, then keepalives
        sendStatus(Membership.INIT);
        apply(membership.started());
        long keepalive = Math.max(1, haCf.keepalive().toMillis());
        keepaliveMs = keepalive;
        lastKeepaliveMs = now;
        timers.add(core.scheduleAtFixedRate(this::keepalive, keepalive, keepalive, TimeUnit.MILLISECONDS));
        timers.add(core.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS));
        timers.add(core.schedule(() -> {
            if (!stopping) {
                advertisedDeadtimeMs = haCf.deadtime().toMillis();
                sendStatus(membership.localStatus());
            }
        }, START_EXTRA_FOR_MS, TimeUnit.MILLISECONDS));
        sink.changed();
    }

    private static List<String> linkNames(TransportConfig config) {
        List<String> names = new ArrayList<>();
        config.media().forEach(m -> {
            if (!names.contains(m.interfaceName())) {
                names.add(m.interfaceName());
            }
        });
        return names;
    }

    /** Core thread: heartbeat's leave: a longer deadtime while resources are released, then shutdone. */
    void stop() {
        stopping = true;
        timers.forEach(t -> t.cancel(false));
        timers.clear();
        if (transport == null) {
            return;
        }
        advertisedDeadtimeMs = haCf.deadtime().toMillis() + SHUTDOWN_EXTRA_MS;
        sendStatus(membership.localStatus());
        // resources are released here once the resource manager exists; then heartbeat's goodbye
        transport.send(resourcesHeld(false).add("info", "shutdown").build());
        transport.send(HbMessage.builder().add("t", "shutdone").add("st", Membership.DEAD).build());
        transport.close();
        transport = null;
    }

    boolean running() {
        return transport != null;
    }

    private void keepalive() {
        long now = monotonicMs.getAsLong();
        if (now - lastKeepaliveMs < keepaliveMs / 2) {
            // a fixed-rate timer catching up after a stall (GC, a loaded machine) fires back to back: a burst of
            // heartbeats tells the peers nothing, so keep the cadence and skip it
            return;
        }
        lastKeepaliveMs = now;
        sendStatus(membership.localStatus());
        if (now - lastRepublishMs >= REPUBLISH_MS) {
            // counters and last-heard times move; at a 100 ms keepalive, once a second is enough for the status
            lastRepublishMs = now;
            sink.changed();
        }
    }

    private void tick() {
        apply(membership.tick(monotonicMs.getAsLong()));
    }

    private void sendStatus(String st) {
        if (transport == null) {
            return;
        }
        transport.send(HbMessage.builder().add("t", "status").add("st", st)
                .add("dt", Long.toHexString(advertisedDeadtimeMs)).add("protocol", PROTOCOL_VERSION).build());
    }

    // ---- transport callbacks: on the transport's I/O thread, posted to the core thread

    @Override
    public void heard(String node, String link) {
        post(() -> apply(membership.heard(node, link, monotonicMs.getAsLong())));
    }

    @Override
    public void statusArrived(String node) {
        // liveness from the arrival: the message itself may wait for one lost before it
        post(() -> {
            if (membership != null && !stopping) {
                apply(membership.statusArrived(node, monotonicMs.getAsLong()));
            }
        });
    }

    @Override
    public void generation(String node, long previous, long current) {
        post(() -> apply(membership.restarted(node, current)));
    }

    @Override
    public void delivered(Delivery d) {
        post(() -> onMessage(d));
    }

    private void post(Runnable r) {
        if (!core.isShutdown()) {
            core.execute(r);
        }
    }

    private void onMessage(Delivery d) {
        if (stopping || membership == null) {
            return;
        }
        HbMessage m = d.message();
        String type = m.type();
        if (type == null) {
            return;
        }
        long now = monotonicMs.getAsLong();
        switch (type) {
            case "status" -> apply(membership.statusDelivered(d.from(), m.get("st"), parseHex(m.get("dt")), now));
            case "shutdone" -> apply(membership.shutdown(d.from()));
            case "reqnodes" -> apply(membership.reqnodes(d.from()));
            case "repnodes" -> apply(membership.repnodes(d.from()));
            // a classic peer holds its shutdown until every node told it is stable (hb_resource.c)
            case "starting" -> send(resourcesHeld(true).build());
            default -> LOG.debug("Message {} from {} (seq {}) not handled yet", type, d.from(), d.seq());
        }
    }

    private static Optional<Long> parseHex(String s) {
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(s.trim(), 16));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Core thread: carries out what membership decided. */
    private void apply(List<MembershipEvent> events) {
        boolean changed = false;
        for (MembershipEvent e : events) {
            if (e instanceof MembershipEvent.Log l) {
                log(l);
            } else if (e instanceof MembershipEvent.NodeChanged n) {
                changed = true;
                if (transport != null && !n.node().equals(local)) {
                    transport.peerAlive(n.node(), !Membership.DEAD.equals(n.to()));
                }
                sink.event(ClusterEvent.Type.NODE_STATE_CHANGED, n.node(),
                        "node " + n.node() + ": " + n.from() + " -> " + n.to());
            } else if (e instanceof MembershipEvent.LinkChanged l) {
                changed = true;
                sink.event(ClusterEvent.Type.LINK_STATE_CHANGED, l.node() + ":" + l.medium(),
                        "Link " + l.node() + ":" + l.medium() + (l.up() ? " up." : " dead."));
            } else if (e instanceof MembershipEvent.SendStatus) {
                sendStatus(membership.localStatus());
            } else if (e instanceof MembershipEvent.SendReqnodes r) {
                send(HbMessage.builder().add("t", "reqnodes").add("dest", r.node()).build());
            } else if (e instanceof MembershipEvent.SendRepnodes r) {
                // every configured node, each followed by a space, as heartbeat writes it: a node missing
                // from this list is removed from the classic peer's configuration
                StringBuilder nodes = new StringBuilder();
                haCf.nodes().forEach(n -> nodes.append(n).append(' '));
                send(HbMessage.builder().add("dest", r.node()).add("t", "repnodes").add("nodelist", nodes.toString())
                        .add("delnodelist", " ").build());
            } else if (e instanceof MembershipEvent.CommUp) {
                changed = true;
                // heartbeat v1's resource handshake (send_local_starting, hb_send_resources_held): until the
                // resource manager exists this node holds nothing, is stable, and says so
                send(HbMessage.builder().add("t", "starting").build());
                send(resourcesHeld(true).build());
            }
        }
        if (changed) {
            sink.changed();
        }
    }

    /** {@code t=resource rsc_hold=none rtype=full isstable=...}: what this node holds (nothing yet). */
    private static HbMessage.Builder resourcesHeld(boolean stable) {
        return HbMessage.builder().add("t", "resource").add("rsc_hold", "none").add("rtype", "full")
                .add("isstable", stable ? "1" : "0");
    }

    private void send(HbMessage m) {
        if (transport != null && !stopping) {
            transport.send(m);
        }
    }

    private static void log(MembershipEvent.Log l) {
        switch (l.level()) {
            case CRIT -> HbLog.crit(LOG, "{}", l.text());
            case ERROR -> LOG.error("{}", l.text());
            case WARN -> LOG.warn("{}", l.text());
            case INFO -> LOG.info("{}", l.text());
            default -> LOG.debug("{}", l.text());
        }
    }

    // ---- status: core thread

    NodeState localState() {
        return membership == null || transport == null ? NodeState.UP : state(membership.localStatus());
    }

    /** The peers as membership sees them; with no transport, their state is unknown. */
    List<NodeStatus> peers() {
        List<NodeStatus> out = new ArrayList<>();
        long now = monotonicMs.getAsLong();
        Instant wall = clock.instant();
        for (String n : haCf.nodes()) {
            if (n.equals(local)) {
                continue;
            }
            Optional<Membership.Peer> p = membership == null ? Optional.empty() : membership.peer(n);
            if (p.isEmpty() || transport == null) {
                out.add(new Snapshots.Node(n, false, NodeState.UNKNOWN, Optional.empty(), List.of(), 0,
                        OptionalLong.empty()));
                continue;
            }
            Membership.Peer peer = p.get();
            List<LinkStatus> links = new ArrayList<>();
            for (Membership.Link l : peer.links().values()) {
                links.add(new Snapshots.Link(l.medium(), LinkState.valueOf(l.state().toUpperCase()),
                        l.lastHeard().map(t -> at(wall, now, t))));
            }
            Optional<Instant> lastHeard = peer.links().values().stream().map(Membership.Link::lastHeard)
                    .flatMap(Optional::stream).max(Long::compare).map(t -> at(wall, now, t));
            out.add(new Snapshots.Node(n, false, state(peer.status()), lastHeard, links, peer.lateHeartbeats(),
                    peer.generation() > 0 ? OptionalLong.of(peer.generation()) : OptionalLong.empty()));
        }
        return out;
    }

    TransportStatus transportStatus() {
        HeartbeatTransport t = transport;
        if (t == null) {
            return Snapshots.Transport.NONE;
        }
        Map<String, Long> counters = t.counters();
        return new Snapshots.Transport(true, t.uuid(), t.generation(), counters);
    }

    private static Instant at(Instant wall, long nowMs, long thenMs) {
        return wall.minus(Duration.ofMillis(Math.max(0, nowMs - thenMs)));
    }

    private static NodeState state(String word) {
        return switch (word) {
            case Membership.INIT -> NodeState.INIT;
            case Membership.UP -> NodeState.UP;
            case Membership.ACTIVE -> NodeState.ACTIVE;
            case Membership.DEAD -> NodeState.DEAD;
            default -> NodeState.UNKNOWN;
        };
    }
}
