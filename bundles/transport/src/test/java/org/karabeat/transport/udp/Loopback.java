package org.karabeat.transport.udp;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.karabeat.config.legacy.AuthKey;
import org.karabeat.config.legacy.AuthKeys;
import org.karabeat.config.legacy.AuthMethod;
import org.karabeat.config.legacy.LegacyConfig;
import org.karabeat.config.legacy.LegacyConfigLoader;
import org.karabeat.config.legacy.LoadOptions;
import org.karabeat.config.legacy.LoadResult;
import org.karabeat.config.legacy.Medium;
import org.karabeat.config.legacy.UcastMedium;
import org.karabeat.transport.HeartbeatTransport;
import org.karabeat.transport.TransportConfig;
import org.karabeat.transport.TransportListener;
import org.karabeat.transport.identity.UuidBytes;
import org.karabeat.transport.wire.ControlFields;
import org.karabeat.transport.wire.DecodeResult;
import org.karabeat.transport.wire.HbMessage;
import org.karabeat.transport.wire.WireCodec;

/**
 * A two-node cluster on loopback for the transport tests, with real {@link UdpHeartbeatTransport}s opened by
 * {@link UdpTransportFactory}: hb1 on 127.0.0.1, hb2 on 127.0.0.2, and a plain socket on 127.0.0.3 (the
 * {@link Peer}) that has a {@code ucast} line of its own in the shared ha.cf, so it receives byte for byte
 * what every node sends, and from which the tests send crafted datagrams. The {@code udpport} is picked at
 * random below the ephemeral port range and picked again on a bind conflict (other builds use this machine
 * at the same time). Everything lives in a temporary directory that {@link #close()} removes.
 */
final class Loopback implements AutoCloseable {

    static final String HB1 = "hb1";
    static final String HB2 = "hb2";
    static final InetAddress ADDR1 = address("127.0.0.1");
    static final InetAddress ADDR2 = address("127.0.0.2");
    static final InetAddress PEER = address("127.0.0.3");
    static final String LINK = "lo";
    /** The retransmission period, so that the rate window ({@code max_rexmit_delay} - 10 ms) is long. */
    static final int MAX_REXMIT_DELAY_MS = 2_000;
    /** How long any await waits before failing. */
    static final Duration AWAIT = Duration.ofSeconds(15);

    private static final int PORT_FIRST = 20_000;
    private static final int PORT_COUNT = 12_000; // up to 31999: below Linux's ephemeral range (32768-60999)
    private static final int PORT_ATTEMPTS = 25;
    private static final SecureRandom RANDOM = new SecureRandom();

    final Path root;
    final int port;
    final LegacyConfig config;
    /** The cluster's keys: what it signs with is authentic. */
    final WireCodec codec;
    final Peer peer;
    final Node hb1;
    final Node hb2;
    private final List<Node> nodes;

    private Loopback(Path root, int port, LegacyConfig config, Peer peer, Node hb1, Node hb2) {
        this.root = root;
        this.port = port;
        this.config = config;
        this.codec = WireCodec.create(config.authKeys());
        this.peer = peer;
        this.hb1 = hb1;
        this.hb2 = hb2;
        this.nodes = List.of(hb1, hb2);
    }

    /** The ha.cf every test uses, on {@code port}: each node and the peer has a ucast line. */
    static String haCf(int port) {
        return "# written by Loopback (transport tests)\n"
                + "node hb1 hb2\n"
                + "keepalive 1\n"
                // a long deadtime: gaps the tests open must outlive their checks (held at most deadtime / 2)
                + "deadtime 60\n"
                + "warntime 10\n"
                + "initdead 120\n"
                + "auto_failback on\n"
                + "udpport " + port + "\n"
                + "max_rexmit_delay " + MAX_REXMIT_DELAY_MS + "\n"
                + "ucast lo 127.0.0.1\n"
                + "ucast lo 127.0.0.2\n"
                + "ucast lo 127.0.0.3\n";
    }

    /**
     * A cluster on a free port: the peer socket bound, hb1 open, and hb2 open when {@code withHb2}.
     */
    static Loopback start(boolean withHb2) throws IOException {
        Path root = Files.createTempDirectory("karabeat-loopback-");
        byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        String authkeys = "auth 1\n1 sha1 " + HexFormat.of().formatHex(secret) + "\n";
        IOException last = null;
        try {
            for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
                int port = PORT_FIRST + RANDOM.nextInt(PORT_COUNT);
                Path dir = root.resolve("try-" + attempt);
                LegacyConfig config = writeConfig(dir.resolve("ha.d"), haCf(port), authkeys);
                Peer peer = null;
                Node hb1 = new Node(HB1, ADDR1, dir.resolve("state-hb1"), config);
                Node hb2 = new Node(HB2, ADDR2, dir.resolve("state-hb2"), config);
                try {
                    peer = new Peer(port, WireCodec.create(config.authKeys()));
                    hb1.open();
                    if (withHb2) {
                        hb2.open();
                    }
                    Loopback lb = new Loopback(root, port, config, peer, hb1, hb2);
                    hb1.cluster = lb;
                    hb2.cluster = lb;
                    return lb;
                } catch (IOException e) {
                    hb2.close();
                    hb1.close();
                    if (peer != null) {
                        peer.close();
                    }
                    if (!isBindConflict(e)) {
                        throw e;
                    }
                    last = e;
                }
            }
            throw new IOException("no free udpport after " + PORT_ATTEMPTS + " attempts", last);
        } catch (IOException | RuntimeException e) {
            deleteTree(root);
            throw e;
        }
    }

    /** Writes ha.cf, authkeys (mode 600) and an empty haresources into {@code dir} and loads them. */
    static LegacyConfig writeConfig(Path dir, String haCf, String authkeys) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ha.cf"), haCf);
        Path keys = dir.resolve("authkeys");
        Files.writeString(keys, authkeys);
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(dir.resolve("haresources"), "");
        LoadResult r = LegacyConfigLoader.load(dir, HB1, LoadOptions.defaults());
        return r.config().orElseThrow(() -> new IllegalStateException("test ha.cf is not valid: " + r.findings()));
    }

    static boolean isBindConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("cannot bind")
                    || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    /** The ha.cf line of the ucast medium to {@code peerAddress}. */
    int mediumLine(String peerAddress) {
        for (Medium m : config.haCf().media()) {
            if (m instanceof UcastMedium u && u.peer().equals(peerAddress)) {
                return u.line();
            }
        }
        throw new IllegalArgumentException("no ucast line to " + peerAddress);
    }

    Node node(String name) {
        return name.equals(HB1) ? hb1 : hb2;
    }

    /**
     * Waits until every datagram sent so far has been handled: each open node has received what the other
     * node and the peer sent it since it opened, and the peer has received what each node sent (every node
     * sends every datagram once on each medium, the peer's line included). Without loss on loopback this is
     * exact, so a test can then check that something did <em>not</em> happen.
     */
    void quiesce() {
        await("every datagram handled", () -> {
            for (Node n : nodes) {
                if (!n.isOpen()) {
                    continue;
                }
                if (peer.receivedFrom(n.address) != n.emittedTotal()) {
                    return false;
                }
                long expected = peer.sentTo(n.address) - n.peerSentAtOpen;
                for (Node other : nodes) {
                    if (other != n) {
                        expected += other.emittedTotal() - n.emittedAtOpen.getOrDefault(other.name, 0L);
                    }
                }
                long received = n.counter("received");
                if (received > expected) {
                    throw new AssertionError(n.name + " received " + received + " datagrams, more than the "
                            + expected + " sent to it");
                }
                if (received != expected) {
                    return false;
                }
            }
            return true;
        }, () -> "(sent to hb1 by the peer: " + peer.sentTo(ADDR1) + ", to hb2: " + peer.sentTo(ADDR2)
                + "; the peer received from hb1: " + peer.receivedFrom(ADDR1) + ", from hb2: "
                + peer.receivedFrom(ADDR2) + "; " + hb1 + "; " + hb2 + ")");
    }

    /** Sends {@code bytes} at a node {@code times} times, paced as {@link #sendAll}. */
    void flood(Node to, byte[] bytes, int times) {
        sendAll(to, java.util.Collections.nCopies(times, bytes));
    }

    /**
     * Sends the datagrams from the peer at a node, in order, as fast as the node takes them: in bursts that fit
     * in a socket's receive buffer, so that the kernel drops none (a burst of a few hundred datagrams at
     * once overflows the default buffer).
     */
    void sendAll(Node to, List<byte[]> datagrams) {
        long base = to.counter("received");
        for (int i = 1; i <= datagrams.size(); i++) {
            peer.send(to.address, datagrams.get(i - 1));
            if (i % 32 == 0 || i == datagrams.size()) {
                long expected = base + i;
                int sent = i;
                await(to.name + " took " + sent + " of " + datagrams.size(),
                        () -> to.counter("received") >= expected);
            }
        }
    }

    /**
     * An authentic sequenced message ({@code seq} &gt; 0) or unsequenced one ({@code seq} 0, for the NS_
     * types) from {@code src}, signed by {@code signer}.
     */
    static byte[] forge(WireCodec signer, HbMessage application, String src, byte[] srcUuid, long seq, long hg) {
        ControlFields.Builder cf = ControlFields.builder().source(src, srcUuid).generation(hg)
                .timestamp(System.currentTimeMillis() / 1000).ttl(3);
        if (seq > 0) {
            cf.sequence(seq).load("0.00 0.01 0.05 1/100 1");
        }
        return signer.encode(cf.build().stamp(application));
    }

    /** {@code t=ping n=<n>}: what the tests send as an application message. */
    static HbMessage ping(int n) {
        return HbMessage.builder().add("t", "ping").add("n", Integer.toString(n)).build();
    }

    /** A codec with one key at {@code index}. */
    static WireCodec signer(int index, AuthMethod method, String secret) {
        return WireCodec.create(new AuthKeys(index, Map.of(index, new AuthKey(index, method, secret, 0))));
    }

    /** Polls {@code condition} until it holds, or fails after {@link #AWAIT}. */
    static void await(String what, BooleanSupplier condition) {
        await(what, condition, () -> "");
    }

    static void await(String what, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + AWAIT.toSeconds() + " s waiting for: " + what + " " + state.get());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for: " + what);
            }
        }
    }

    @Override
    public void close() {
        try {
            hb1.close();
            hb2.close();
            peer.close();
        } finally {
            deleteTree(root);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One node: its state directory, its listener, and its transport while open. */
    static final class Node implements AutoCloseable {
        final String name;
        final InetAddress address;
        final Path stateDirectory;
        final LegacyConfig config;
        Loopback cluster;
        RecordingListener listener = new RecordingListener();
        HeartbeatTransport transport;
        /** What the node runtime would run first on the transport's I/O thread. */
        Runnable ioThreadStart = () -> { };
        /** Datagrams this node sent in runs that are closed. */
        private long emittedByClosedRuns;
        /** What the other nodes had sent, and the peer had sent to it, when this run opened. */
        private final Map<String, Long> emittedAtOpen = new ConcurrentHashMap<>();
        private long peerSentAtOpen;

        Node(String name, InetAddress address, Path stateDirectory, LegacyConfig config) {
            this.name = name;
            this.address = address;
            this.stateDirectory = stateDirectory;
            this.config = config;
        }

        /** The transport's configuration, as the node runtime makes it. */
        TransportConfig transportConfig() {
            return TransportConfig.of(config, name).withBindAddress(Optional.of(address))
                    .withStateDirectory(stateDirectory).withIoThreadStart(ioThreadStart);
        }

        /** Opens a transport (a new run, generation + 1) with a fresh listener. */
        void open() throws IOException {
            if (transport != null) {
                throw new IllegalStateException(name + " is open");
            }
            listener = new RecordingListener();
            if (cluster != null) {
                for (Node other : cluster.nodes) {
                    if (other != this) {
                        emittedAtOpen.put(other.name, other.emittedTotal());
                    }
                }
                peerSentAtOpen = cluster.peer.sentTo(address);
            }
            transport = new UdpTransportFactory().open(transportConfig(), listener);
        }

        boolean isOpen() {
            return transport != null;
        }

        long counter(String key) {
            return transport.counters().getOrDefault(key, 0L);
        }

        /**
         * Datagrams this node put on each medium: its messages, acks, NAKs, retransmission requests and
         * retransmissions, over all its runs.
         */
        long emittedTotal() {
            return emittedByClosedRuns + (transport == null ? 0 : emitted(transport.counters()));
        }

        private static long emitted(Map<String, Long> c) {
            long n = 0;
            for (String k : new String[] {"sent", "acks-sent", "nak-sent", "rexmit-requested", "retransmitted"}) {
                n += c.getOrDefault(k, 0L);
            }
            return n;
        }

        /** Sends an application message, and checks it was given a sequence number. */
        long send(HbMessage m) {
            long seq = transport.send(m);
            if (seq <= 0) {
                fail(name + " could not send " + m);
            }
            return seq;
        }

        byte[] uuidBytes() {
            return UuidBytes.toBytes(java.util.UUID.fromString(transport.uuid()));
        }

        @Override
        public void close() {
            if (transport != null) {
                transport.close();
                emittedByClosedRuns += emitted(transport.counters());
                transport = null;
            }
        }

        @Override
        public String toString() {
            return name + (transport == null ? " (closed)" : " " + transport.counters());
        }
    }

    /** The plain socket on 127.0.0.3: records what the nodes send it, and sends what the tests craft. */
    static final class Peer implements AutoCloseable {

        /** One datagram as received. */
        record Captured(byte[] bytes, InetAddress from, DecodeResult decoded) {
            String type() {
                return decoded.isAccepted() ? decoded.message().type() : null;
            }

            String field(String name) {
                return decoded.isAccepted() ? decoded.message().get(name) : null;
            }

            boolean sequenced() {
                return decoded.isAccepted() && decoded.message().has("seq");
            }
        }

        final DatagramSocket socket;
        private final int port;
        private final WireCodec codec;
        private final List<Captured> captured = new CopyOnWriteArrayList<>();
        private final Map<InetAddress, AtomicLong> sent = new ConcurrentHashMap<>();
        private final Thread reader;

        Peer(int port, WireCodec codec) throws IOException {
            this.port = port;
            this.codec = codec;
            this.socket = new DatagramSocket(null);
            try {
                socket.setReceiveBufferSize(4 << 20);
                socket.bind(new InetSocketAddress(PEER, port));
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            reader = new Thread(this::read, "loopback-peer-" + port);
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            byte[] buf = new byte[65_536];
            while (!socket.isClosed()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (SocketException e) {
                    return; // closed
                } catch (IOException e) {
                    continue;
                }
                byte[] bytes = Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
                captured.add(new Captured(bytes, p.getAddress(), codec.decode(bytes)));
            }
        }

        /** Sends {@code bytes} from the peer's socket to a node's udpport. */
        void send(InetAddress to, byte[] bytes) {
            sendFrom(socket, to, bytes);
        }

        /** Sends from another socket (another sender address), counted like the peer's own. */
        void sendFrom(DatagramSocket from, InetAddress to, byte[] bytes) {
            try {
                from.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(to, port)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sent.computeIfAbsent(to, k -> new AtomicLong()).incrementAndGet();
        }

        long sentTo(InetAddress to) {
            AtomicLong n = sent.get(to);
            return n == null ? 0 : n.get();
        }

        long receivedFrom(InetAddress from) {
            return captured.stream().filter(c -> c.from().equals(from)).count();
        }

        /** Everything received from {@code from}, in arrival order. */
        List<Captured> from(InetAddress from) {
            List<Captured> out = new ArrayList<>();
            for (Captured c : captured) {
                if (c.from().equals(from)) {
                    out.add(c);
                }
            }
            return out;
        }

        @Override
        public void close() {
            socket.close();
            try {
                reader.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What a transport told its listener, in order; safe to read from the test thread. */
    static final class RecordingListener implements TransportListener {

        record GenerationEvent(String node, long previous, long current) {
        }

        final List<Delivery> delivered = new CopyOnWriteArrayList<>();
        final List<GenerationEvent> generations = new CopyOnWriteArrayList<>();
        final List<String> heard = new CopyOnWriteArrayList<>();

        @Override
        public void heard(String node, String link) {
            heard.add(node + "/" + link);
        }

        @Override
        public void generation(String node, long previous, long current) {
            generations.add(new GenerationEvent(node, previous, current));
        }

        @Override
        public void delivered(Delivery delivery) {
            delivered.add(delivery);
        }

        /** The deliveries from {@code node}. */
        List<Delivery> from(String node) {
            List<Delivery> out = new ArrayList<>();
            for (Delivery d : delivered) {
                if (d.from().equals(node)) {
                    out.add(d);
                }
            }
            return out;
        }
    }
}
