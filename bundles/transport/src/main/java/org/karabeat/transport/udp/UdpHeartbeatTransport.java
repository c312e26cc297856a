package org.karabeat.transport.udp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import org.karabeat.transport.HeartbeatTransport;
import org.karabeat.transport.TransportConfig;
import org.karabeat.transport.TransportListener;
import org.karabeat.transport.identity.NodeIdentity;
import org.karabeat.transport.identity.UuidBytes;
import org.karabeat.transport.reliable.ControlMessages;
import org.karabeat.transport.reliable.Counter;
import org.karabeat.transport.reliable.LossReason;
import org.karabeat.transport.reliable.Outcome;
import org.karabeat.transport.reliable.ReliableConfig;
import org.karabeat.transport.reliable.ReliableDelivery;
import org.karabeat.transport.reliable.ReliableEvents;
import org.karabeat.transport.wire.ControlFields;
import org.karabeat.transport.wire.DecodeResult;
import org.karabeat.transport.wire.HbMessage;
import org.karabeat.transport.wire.MessageTooLargeException;
import org.karabeat.transport.wire.WireCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The heartbeat transport of one node: media sockets, codec, reliable delivery and identity, all driven by one
 * Netty event loop thread ("karabeat-transport") so that none of the state needs a lock. Callers on other
 * threads post to it.
 */
final class UdpHeartbeatTransport implements HeartbeatTransport {

    private static final Logger LOG = LoggerFactory.getLogger(UdpHeartbeatTransport.class);
    /** One line per reason and sender at most this often. */
    private static final long BAD_PACKET_LOG_INTERVAL_MS = 10_000;
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    /** The node's identity, read once the sockets are bound: a failed bind costs no generation. */
    interface IdentitySource {
        NodeIdentity start() throws IOException;
    }

    private final TransportConfig config;
    private final TransportListener listener;
    private volatile NodeIdentity identity;
    private final WireCodec codec;
    private final LongSupplier monotonicMs;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Set<String> nodes;
    private final RateLimitedLog badPackets = new RateLimitedLog(LOG, BAD_PACKET_LOG_INTERVAL_MS);
    private final DeliveryAudit audit = new DeliveryAudit(new RateLimitedLog(LOG, BAD_PACKET_LOG_INTERVAL_MS));

    // event loop thread only
    private ReliableDelivery reliable;
    private final Map<String, byte[]> uuids = new HashMap<>();
    private final Map<String, Long> counters = new LinkedHashMap<>();
    private MediaLayer media;
    /** Armed only while a message is missing: an idle node does not wake up for nothing. */
    private ScheduledFuture<?> rexmitTimer;
    private long rexmitAt = Long.MAX_VALUE;
    private String load = "n/a";
    private boolean loadRead;
    private long loadReadAt;
    private volatile Map<String, Long> lastCounters = Map.of();
    private volatile boolean closed;

    UdpHeartbeatTransport(TransportConfig config, TransportListener listener, LongSupplier monotonicMs) {
        this.config = config;
        this.listener = listener;
        this.codec = WireCodec.create(config.authKeys());
        this.monotonicMs = monotonicMs;
        this.nodes = new HashSet<>(config.nodes());
        ThreadFactory threads = new DefaultThreadFactory("karabeat-transport", true);
        // the hook runs before the event loop's own code, so everything the thread ever does follows it
        this.group = new NioEventLoopGroup(1, (ThreadFactory) r -> threads.newThread(() -> {
            runIoThreadStart(config.ioThreadStart());
            r.run();
        }));
        this.loop = group.next();
    }

    private static void runIoThreadStart(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException e) {
            LOG.warn("Transport I/O thread set-up failed, carrying on without it: {}", e.toString());
        }
    }

    /**
     * Binds the sockets, then takes the node's identity for this run (the next generation) and starts the
     * timers; on failure everything opened is closed again.
     */
    void open(IdentitySource identitySource) throws IOException {
        try {
            media = new MediaLayer(group, config.media(), config.bindAddress(),
                    in -> onDatagram(in.data(), in.sender().getAddress().getHostAddress(), in.link()));
            NodeIdentity id = identitySource.start();
            identity = id;
            loop.submit(() -> {
                int maxRexmitDelay = (int) Math.max(1, config.maxRexmitDelay().toMillis());
                reliable = new ReliableDelivery(new ReliableConfig(config.localNode(), id.uuidBytes(), id.generation(),
                        maxRexmitDelay, ReliableConfig.holdLimit(config.deadtime().toMillis(), maxRexmitDelay)),
                        new SplittableRandom(),
                        new HeartbeatWords());
            }).syncUninterruptibly();
        } catch (IOException | RuntimeException e) {
            if (media != null) {
                media.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
            throw e;
        }
    }

    @Override
    public String uuid() {
        return identity.uuid().toString();
    }

    @Override
    public long generation() {
        return identity.generation();
    }

    @Override
    public List<String> links() {
        return media.links();
    }

    @Override
    public long send(HbMessage message) {
        if (closed) {
            return -1;
        }
        if (loop.inEventLoop()) {
            return sendNow(message);
        }
        Future<Long> f = loop.submit(() -> sendNow(message));
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (ExecutionException | TimeoutException e) {
            LOG.error("Cannot send {} message: {}", message.type(), e.toString());
            return -1;
        }
    }

    @Override
    public void peerAlive(String node, boolean alive) {
        loop.execute(() -> {
            if (reliable != null) {
                Outcome o = reliable.setPeerUp(node, alive);
                // a node gone dead: what was held back behind its gaps goes to the core now
                handOver(o.released(), 0, null, monotonicMs.getAsLong());
                carryOut(o);
                armRexmit();
            }
        });
    }

    @Override
    public Map<String, Long> counters() {
        if (!closed && !loop.inEventLoop()) {
            try {
                return loop.submit(this::collectCounters).get(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                // a busy or closed loop: the last figures are good enough for a status
            }
        }
        return lastCounters;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // everything queued before (the shutdone message) goes out first
            loop.submit(() -> {
                if (rexmitTimer != null) {
                    rexmitTimer.cancel(false);
                }
                collectCounters();
            }).get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Transport did not drain before closing: {}", e.toString());
        }
        if (media != null) {
            media.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5_000);
    }

    // ---- event loop thread

    private long sendNow(HbMessage message) {
        long now = monotonicMs.getAsLong();
        long seq = reliable.nextSeq();
        ControlFields.Builder cf = control().sequence(seq).load(load(now));
        String dest = message.get("dest");
        if (dest != null) {
            cf.destination(dest, uuids.get(dest));
        }
        HbMessage stamped = cf.build().stamp(message);
        byte[] bytes;
        try {
            bytes = codec.encode(stamped);
        } catch (MessageTooLargeException e) {
            count("send-too-large");
            LOG.error("Message {} too large to send ({}); dropped", message.type(), e.getMessage());
            return -1;
        }
        Outcome outcome = reliable.sent(stamped, bytes, now);
        transmit(bytes);
        count("sent");
        carryOut(outcome);
        armRexmit();
        return seq;
    }

    private void transmit(byte[] bytes) {
        media.sendToAll(bytes);
    }

    /** The control fields common to every message of this node. */
    private ControlFields.Builder control() {
        return ControlFields.builder().source(config.localNode(), identity.uuidBytes())
                .generation(identity.generation()).timestamp(System.currentTimeMillis() / 1000).ttl(config.ttl());
    }

    /** Sends what reliable delivery asked for: acks and NAKs to stamp, retransmissions as they were. */
    private void carryOut(Outcome o) {
        for (HbMessage m : o.toSend()) {
            ControlFields.Builder cf = control();
            String dest = m.get("dest");
            if (dest != null) {
                cf.destination(dest, uuids.get(dest));
            }
            transmit(codec.encode(cf.build().stamp(m)));
        }
        for (byte[] b : o.toResend()) {
            transmit(b);
        }
    }

    /** Retransmission requests that are due. */
    private void rexmitDue() {
        rexmitTimer = null;
        rexmitAt = Long.MAX_VALUE;
        if (closed) {
            return;
        }
        long now = monotonicMs.getAsLong();
        if (reliable.nextDueMillis() <= now) {
            Outcome expired = reliable.expireHeld(now);
            handOver(expired.released(), 0, null, now); // gaps not filled in time: what they held goes on
            carryOut(expired);
            for (HbMessage request : reliable.dueRexmitRequests(now)) {
                ControlFields.Builder cf = control();
                String dest = request.get("dest");
                if (dest != null) {
                    cf.destination(dest, uuids.get(dest));
                }
                transmit(codec.encode(cf.build().stamp(request)));
            }
        }
        armRexmit();
    }

    /** Sets the timer for the next retransmission request, if a message is missing and it is not set earlier. */
    private void armRexmit() {
        long due = reliable.nextDueMillis();
        if (due == Long.MAX_VALUE || (rexmitTimer != null && due >= rexmitAt)) {
            return;
        }
        if (rexmitTimer != null) {
            rexmitTimer.cancel(false);
        }
        rexmitAt = due;
        rexmitTimer = loop.schedule(this::rexmitDue, Math.max(0, due - monotonicMs.getAsLong()), TimeUnit.MILLISECONDS);
    }

    private void onDatagram(byte[] data, String senderAddress, String link) {
        if (closed || reliable == null) {
            return; // not open yet: nothing can be answered before this node knows its generation
        }
        long now = monotonicMs.getAsLong();
        count("received");
        DecodeResult r = codec.decode(data);
        if (!r.isAccepted()) {
            String reason = key(r.dropReason().name());
            count("dropped." + reason);
            String claimed = r.claimedSource().map(s -> " claiming to be " + printable(s)).orElse("");
            badPackets.error(reason + "/" + senderAddress, now, "Dropped a packet from " + senderAddress + claimed
                    + " on " + link + ": " + r.dropReason().description());
            return;
        }
        HbMessage m = r.message();
        String src = m.source();
        if (src == null || !nodes.contains(src)) {
            count("dropped.unknown-node");
            badPackets.error("unknown-node/" + senderAddress, now, "Dropped a packet from " + senderAddress
                    + ": bad node [" + (src == null ? "" : printable(src)) + "] in message (not a node of ha.cf)");
            return;
        }
        learnUuid(src, m.getBytes("srcuuid"));
        Outcome o = reliable.onReceived(m, link, now);
        if (src.equals(config.localNode())) {
            carryOut(o); // our own copy (bcast, or a ucast line to ourselves): nothing for the core
            armRexmit();
            return;
        }
        List<Outcome.Released> released = o.released();
        int next = 0;
        if (o.newGeneration()) {
            long generation = ControlMessages.scanHex(m.get("hg"));
            // what was held of the node's previous run belongs before its restart
            for (; next < released.size() && released.get(next).generation() != generation; next++) {
                handOver(released.get(next), link, now);
            }
            listener.generation(src, o.previousGeneration(), generation);
        }
        if (o.refreshesLink()) {
            listener.heard(src, link);
        }
        if (o.freshStatus()) {
            listener.statusArrived(src); // liveness at arrival, even when the status itself is held back
        }
        handOver(released, next, link, now);
        carryOut(o);
        armRexmit();
    }

    private void handOver(List<Outcome.Released> released, int from, String link, long now) {
        for (int i = from; i < released.size(); i++) {
            handOver(released.get(i), link, now);
        }
    }

    /** Hands one message to the core, in the order reliable delivery released it, past the audit. */
    private void handOver(Outcome.Released r, String link, long now) {
        HbMessage m = r.message();
        if (m.source().equals(config.localNode())) {
            return; // this node's own messages are not handed to the core
        }
        audit.check(m, r.forUs(), now);
        if (r.forUs()) {
            listener.delivered(new TransportListener.Delivery(m.source(), r.link() != null ? r.link() : link,
                    r.generation(), r.seq(), m));
        }
    }

    private void learnUuid(String node, byte[] uuid) {
        if (uuid == null || uuid.length != UuidBytes.LENGTH) {
            return;
        }
        byte[] known = uuids.put(node, uuid);
        if (known != null && !Arrays.equals(known, uuid)) {
            LOG.info("node {} changed its uuid to {}", node, UuidBytes.fromBytes(uuid));
        }
    }

    private String load(long now) {
        if (!loadRead || now - loadReadAt >= 1_000) {
            loadRead = true;
            loadReadAt = now;
            try {
                String s = Files.readString(LOADAVG, StandardCharsets.US_ASCII).trim();
                load = s.isEmpty() ? "n/a" : s;
            } catch (IOException | RuntimeException e) {
                load = "n/a";
            }
        }
        return load;
    }

    private void count(String key) {
        counters.merge(key, 1L, Long::sum);
    }

    private Map<String, Long> collectCounters() {
        Map<String, Long> all = new LinkedHashMap<>(counters);
        if (reliable == null) {
            return Map.copyOf(all);
        }
        for (Map.Entry<Counter, Long> e : reliable.counters().entrySet()) {
            all.merge(e.getKey().key(), e.getValue(), Long::sum);
        }
        all.putAll(audit.counters());
        lastCounters = Map.copyOf(all);
        return lastCounters;
    }

    private static String key(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A name from a packet, safe to log: printable ASCII only, at most 64 characters. */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 64; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }

    /** Reliable delivery's findings, in the words heartbeat logs them; the noisy ones rate-limited. */
    private final class HeartbeatWords implements ReliableEvents {

        @Override
        public void replayDropped(String node, long generation, long currentGeneration) {
            badPackets.error("replay/" + node, monotonicMs.getAsLong(), "should_drop_message: attempted replay attack ["
                    + node + "]? [gen = " + generation + ", curgen = " + currentGeneration + "]");
        }

        @Override
        public void packetsMissing(String node, long lastSeq, long seq, long count) {
            LOG.warn("{} lost packet(s) for [{}] [{}:{}]", count, node, lastSeq, seq);
        }

        @Override
        public void lost(String node, long first, long last, LossReason reason) {
            switch (reason) {
                case GAP_TOO_LARGE -> LOG.error("lost a lot of packets!");
                case NAK -> {
                    // logged by nakReceived
                }
                default -> LOG.warn("Gave up on packet(s) {}..{} of node {}: {}", first, last, node,
                        key(reason.name()));
            }
        }

        @Override
        public void noneMissing(String node) {
            LOG.info("No pkts missing from {}!", node);
        }

        @Override
        public void nakReceived(String node, long seq, boolean addressedToUs) {
            if (addressedToUs) {
                LOG.error("Irretrievably lost packet: node {} seq {}", node, seq);
            }
        }

        @Override
        public void cannotRetransmit(String requester, long seq, String reason) {
            badPackets.error("nak/" + requester, monotonicMs.getAsLong(),
                    "Cannot rexmit pkt " + seq + " for " + requester + ": " + reason);
        }

        @Override
        public void rexmitBeyondHighest(String requester, long seq, long highest) {
            badPackets.error("beyond/" + requester, monotonicMs.getAsLong(),
                    "Rexmit of seq " + seq + " requested. " + highest + " is max.");
        }

        @Override
        public void corruptedAck(String node, long ackseq, long highest) {
            badPackets.error("ack/" + node, monotonicMs.getAsLong(), "HBDoMsg_T_ACK: corrupted ackseq current hiseq = "
                    + highest + " ackseq =" + ackseq + " in this message");
        }

        @Override
        public void invalid(String node, String what) {
            badPackets.error("invalid/" + node, monotonicMs.getAsLong(), "should_drop_message: " + what + " (from "
                    + node + ")");
        }

        @Override
        public void flowControlDisabled(String node) {
            LOG.info("flow control disabled due to different version heartbeat ({})", node);
        }
    }

    @Override
    public String toString() {
        return "UdpHeartbeatTransport[" + config.localNode() + ", hg=" + Long.toHexString(identity.generation())
                + ", uuid=" + identity.uuid() + "]";
    }
}
