package org.karabeat.itests;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A user-space UDP relay between two nodes, run as its own JVM in a lab namespace ({@link LabJvm}). Each node's
 * {@code ucast} line points at the relay's address; what comes from node A's address goes on to node B and the
 * other way round, from the relay's own socket (so each node sees its {@code ucast} peer as the sender).
 * <p>
 * Optionally it holds each datagram for a random 0..{@code hold-max-ms} ms (reordering) and sends a share of
 * them twice, each copy with its own hold (duplicates), and it records what it receives (for replays):
 * {@code [4 bytes sender IPv4][4 bytes length][datagram]} per datagram. Anything from another address is
 * counted and dropped. Figures go to {@code --stats} as one {@code key=value} line, rewritten every second and at
 * exit (SIGTERM).
 *
 * <pre>
 * UdpRelay --listen 192.0.2.3:694 --a 192.0.2.1:694 --b 192.0.2.2:694 [--hold-max-ms 250] [--dup-percent 20]
 *          [--record FILE] [--record-max 100000] [--seed N] --stats FILE
 * </pre>
 */
public final class UdpRelay {

    private final DatagramChannel channel;
    private final InetSocketAddress a;
    private final InetSocketAddress b;
    private final int holdMaxMs;
    private final int dupPercent;
    private final SplittableRandom random;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "relay-timer");
        t.setDaemon(true);
        return t;
    });
    private final DataOutputStream record;
    private final long recordMax;
    private final Path stats;

    // guarded by this
    private long received;
    private long forwarded;
    private long duplicated;
    private long reordered;
    private long foreign;
    private long recorded;
    private long sendErrors;
    private final long[] arrivals = new long[2];
    private final long[] highestSent = {-1, -1};

    private UdpRelay(Map<String, String> o) throws IOException {
        channel = DatagramChannel.open();
        channel.bind(address(o.get("--listen")));
        a = address(o.get("--a"));
        b = address(o.get("--b"));
        holdMaxMs = Integer.parseInt(o.getOrDefault("--hold-max-ms", "0"));
        dupPercent = Integer.parseInt(o.getOrDefault("--dup-percent", "0"));
        random = new SplittableRandom(Long.parseLong(o.getOrDefault("--seed", Long.toString(System.nanoTime()))));
        record = o.containsKey("--record")
                ? new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(Path.of(o.get("--record"))), 1 << 16))
                : null;
        recordMax = Long.parseLong(o.getOrDefault("--record-max", "100000"));
        stats = Path.of(o.get("--stats"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        UdpRelay relay = new UdpRelay(o);
        Runtime.getRuntime().addShutdownHook(new Thread(relay::writeStats));
        relay.timer.scheduleAtFixedRate(relay::writeStats, 1, 1, TimeUnit.SECONDS);
        System.out.println("relay listening on " + o.get("--listen") + " between " + relay.a + " and " + relay.b
                + ", hold 0.." + relay.holdMaxMs + " ms, " + relay.dupPercent + " % duplicates");
        relay.run();
    }

    static InetSocketAddress address(String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(InetAddress.getByName(hostPort.substring(0, colon)),
                Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private void run() throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(65_536);
        while (true) {
            buf.clear();
            InetSocketAddress from = (InetSocketAddress) channel.receive(buf);
            buf.flip();
            byte[] data = new byte[buf.remaining()];
            buf.get(data);
            int dir;
            InetSocketAddress to;
            if (from.getAddress().equals(a.getAddress())) {
                dir = 0;
                to = b;
            } else if (from.getAddress().equals(b.getAddress())) {
                dir = 1;
                to = a;
            } else {
                synchronized (this) {
                    foreign++;
                }
                continue;
            }
            long index;
            int copies;
            long[] holds;
            synchronized (this) {
                received++;
                index = arrivals[dir]++;
                copies = random.nextInt(100) < dupPercent ? 2 : 1;
                if (copies == 2) {
                    duplicated++;
                }
                holds = new long[copies];
                for (int i = 0; i < copies; i++) {
                    holds[i] = holdMaxMs == 0 ? 0 : random.nextInt(holdMaxMs + 1);
                }
                record(from, data);
            }
            for (long hold : holds) {
                if (hold == 0) {
                    send(dir, index, data, to);
                } else {
                    timer.schedule(() -> send(dir, index, data, to), hold, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    private synchronized void record(InetSocketAddress from, byte[] data) {
        if (record == null || recorded >= recordMax) {
            return;
        }
        try {
            record.write(from.getAddress().getAddress());
            record.writeInt(data.length);
            record.write(data);
            recorded++;
        } catch (IOException e) {
            System.err.println("cannot record: " + e);
        }
    }

    private synchronized void send(int dir, long index, byte[] data, InetSocketAddress to) {
        try {
            channel.send(ByteBuffer.wrap(data), to);
            forwarded++;
            if (index < highestSent[dir]) {
                reordered++; // a datagram that arrived later went out first
            }
            highestSent[dir] = Math.max(highestSent[dir], index);
        } catch (IOException e) {
            sendErrors++;
        }
    }

    private synchronized void writeStats() {
        try {
            if (record != null) {
                record.flush();
            }
            String line = "received=" + received + " forwarded=" + forwarded + " duplicated=" + duplicated
                    + " reordered=" + reordered + " foreign=" + foreign + " recorded=" + recorded + " send-errors="
                    + sendErrors + "\n";
            Path tmp = stats.resolveSibling(stats.getFileName() + ".tmp");
            Files.writeString(tmp, line, StandardCharsets.US_ASCII);
            Files.move(tmp, stats, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("cannot write stats: " + e);
        }
    }

    /** The figures of a stats file ({@code key=value ...}, numbers only); empty before the first write. */
    static Map<String, Long> readStats(Path file) throws IOException {
        Map<String, Long> out = new HashMap<>();
        if (Files.exists(file)) {
            for (String kv : Files.readString(file).trim().split("\\s+")) {
                int eq = kv.indexOf('=');
                if (eq > 0 && kv.substring(eq + 1).matches("-?[0-9]{1,18}")) {
                    out.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
                }
            }
        }
        return out;
    }
}
