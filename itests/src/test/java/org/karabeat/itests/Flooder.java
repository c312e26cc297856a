package org.karabeat.itests;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends forged and replayed heartbeat datagrams at one node, run as its own JVM in a lab namespace
 * ({@link LabJvm}). Kinds, mixed in equal shares:
 * <ul>
 * <li>{@code garbage}: random bytes that are no heartbeat message (dropped as {@code unknown-format});</li>
 * <li>{@code bad-digest}: a well-formed status message claiming to come from a real node, with a random
 * digest ({@code bad-digest});</li>
 * <li>{@code unknown-node}: a status message correctly signed with the cluster's key, from a node
 * {@code ha.cf} does not list ({@code unknown-node});</li>
 * <li>{@code truncated}: a real (or forged) message cut short ({@code truncated});</li>
 * <li>{@code replay}: real datagrams captured by {@link UdpRelay}, sent again as they were.</li>
 * </ul>
 * Paced to {@code --rate} datagrams per second for {@code --seconds}; prints one {@code key=value} line with
 * what it sent (also on SIGTERM) to stdout and {@code --result}.
 *
 * <pre>
 * Flooder --target 192.0.2.1:694 --rate 50000 --seconds 30 --mix garbage,bad-digest,unknown-node,truncated,replay
 *         [--authkeys FILE] [--claim node2] [--replay FILE --replay-from 192.0.2.2] --result FILE
 * </pre>
 * With {@code --mix replay} alone the captured datagrams go out in capture order.
 */
public final class Flooder {

    private static final String[] KINDS = {"garbage", "bad-digest", "unknown-node", "truncated", "replay"};

    private final Map<String, Long> sentByKind = new LinkedHashMap<>();
    private volatile long sent;
    private volatile long errors;
    private volatile long startNanos;
    private volatile long endNanos;
    private final Path result;

    private Flooder(Path result) {
        this.result = result;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        InetSocketAddress target = UdpRelay.address(o.get("--target"));
        int rate = Integer.parseInt(o.get("--rate"));
        double seconds = Double.parseDouble(o.get("--seconds"));
        List<String> mix = List.of(o.get("--mix").split(","));
        List<byte[]> replays = o.containsKey("--replay")
                ? readRecord(Path.of(o.get("--replay")), o.get("--replay-from"))
                : List.of();
        byte[] key = null;
        int keyIndex = 1;
        if (o.containsKey("--authkeys")) {
            String[] ak = activeKey(Path.of(o.get("--authkeys")));
            keyIndex = Integer.parseInt(ak[0]);
            key = ak[1].getBytes(StandardCharsets.US_ASCII);
        }
        String claim = o.getOrDefault("--claim", "node2");
        SplittableRandom random = new SplittableRandom(42);
        // a pool of datagrams, in mixed order, sent round and round
        List<byte[]> pool = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        if (mix.equals(List.of("replay"))) {
            if (replays.isEmpty()) {
                throw new IllegalArgumentException("nothing to replay");
            }
            pool.addAll(replays);
            replays.forEach(r -> kinds.add("replay"));
        } else {
            for (int i = 0; i < 4096; i++) {
                String kind = mix.get(i % mix.size());
                byte[] d = switch (kind) {
                    case "garbage" -> garbage(random);
                    case "bad-digest" -> status(claim, i, random, null, keyIndex);
                    case "unknown-node" -> status("node" + (900 + i % 50), i, random, requireKey(key), keyIndex);
                    case "truncated" -> truncate(replays.isEmpty() ? status(claim, i, random, null, keyIndex)
                            : replays.get(i % replays.size()), random);
                    case "replay" -> replays.get(i % replays.size());
                    default -> throw new IllegalArgumentException("unknown kind " + kind + ", one of "
                            + String.join(",", KINDS));
                };
                pool.add(d);
                kinds.add(kind);
            }
        }
        Flooder f = new Flooder(o.get("--result") == null ? null : Path.of(o.get("--result")));
        Runtime.getRuntime().addShutdownHook(new Thread(f::report));
        f.flood(target, rate, seconds, pool, kinds);
    }

    private static byte[] requireKey(byte[] key) {
        if (key == null) {
            throw new IllegalArgumentException("unknown-node needs --authkeys");
        }
        return key;
    }

    private void flood(InetSocketAddress target, int rate, double seconds, List<byte[]> pool, List<String> kinds)
            throws IOException {
        ByteBuffer[] buffers = new ByteBuffer[pool.size()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = ByteBuffer.wrap(pool.get(i));
        }
        long[] perKind = new long[KINDS.length];
        int[] kindOf = new int[pool.size()];
        for (int i = 0; i < kindOf.length; i++) {
            kindOf[i] = Arrays.asList(KINDS).indexOf(kinds.get(i));
        }
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.connect(target);
            long durationNanos = (long) (seconds * 1e9);
            startNanos = System.nanoTime();
            long n = 0;
            long err = 0;
            int i = 0;
            while (true) {
                long elapsed = System.nanoTime() - startNanos;
                if (elapsed >= durationNanos) {
                    break;
                }
                long due = (long) ((double) elapsed * rate / 1e9) + 1;
                if (n + err >= due) {
                    LockSupport.parkNanos(100_000);
                    continue;
                }
                while (n + err < due) {
                    ByteBuffer b = buffers[i];
                    b.clear();
                    try {
                        ch.write(b);
                        n++;
                        perKind[kindOf[i]]++;
                    } catch (IOException e) { // ECONNREFUSED from an earlier ICMP error, ENOBUFS
                        err++;
                    }
                    i = i + 1 == buffers.length ? 0 : i + 1;
                }
                sent = n;
                errors = err;
            }
            endNanos = System.nanoTime();
            sent = n;
            errors = err;
            synchronized (sentByKind) {
                for (int k = 0; k < KINDS.length; k++) {
                    sentByKind.put(KINDS[k], perKind[k]);
                }
            }
        }
    }

    private synchronized void report() {
        long end = endNanos == 0 ? System.nanoTime() : endNanos;
        double secs = Math.max(1e-9, (end - startNanos) / 1e9);
        StringBuilder sb = new StringBuilder();
        sb.append("sent=").append(sent).append(" errors=").append(errors)
                .append(" millis=").append(TimeUnit.NANOSECONDS.toMillis(end - startNanos))
                .append(" rate=").append(Math.round(sent / secs));
        synchronized (sentByKind) {
            sentByKind.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        }
        System.out.println(sb);
        if (result != null) {
            try {
                Files.writeString(result, sb + "\n");
            } catch (IOException e) {
                System.err.println("cannot write " + result + ": " + e);
            }
        }
    }

    // ---- the datagrams

    private static byte[] garbage(SplittableRandom random) {
        byte[] d = new byte[16 + random.nextInt(480)];
        random.nextBytes(d);
        if (d[0] == '>' || d[0] == '#') {
            d[0] = 'x';
        }
        return d;
    }

    /**
     * A classic-form status message ({@code >>>\n name=value\n ... auth=<index> <digest>\n <<<\n}): signed with
     * {@code key} (HMAC-SHA1 over the text of every field but {@code auth}, as heartbeat's sha1 method), or with
     * a random digest when {@code key} is null.
     */
    static byte[] status(String src, int seq, SplittableRandom random, byte[] key, int keyIndex) {
        String text = "t=status\nst=active\ndt=2710\nprotocol=1\nsrc=" + src + "\nseq=" + Integer.toHexString(seq + 1)
                + "\nhg=" + Long.toHexString(0x6b000000L + random.nextInt(1 << 20)) + "\nts="
                + Long.toHexString(System.currentTimeMillis() / 1000) + "\nttl=3\n";
        String digest;
        if (key == null) {
            byte[] r = new byte[20];
            random.nextBytes(r);
            digest = HexFormat.of().formatHex(r);
        } else {
            digest = hmacSha1(key, text.getBytes(StandardCharsets.US_ASCII));
        }
        return (">>>\n" + text + "auth=" + keyIndex + " " + digest + "\n<<<\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String hmacSha1(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cut somewhere after the start marker and before the end: the message ends inside a field. */
    private static byte[] truncate(byte[] whole, SplittableRandom random) {
        int cut = 5 + random.nextInt(Math.max(1, whole.length - 12));
        return Arrays.copyOf(whole, Math.min(cut, whole.length - 5));
    }

    /** {@code auth N} and the secret of key N of an authkeys file ({@code N sha1 SECRET}). */
    private static String[] activeKey(Path authkeys) throws IOException {
        String active = null;
        Map<String, String> secrets = new HashMap<>();
        for (String line : Files.readAllLines(authkeys)) {
            String[] w = line.trim().split("\\s+");
            if (w.length >= 2 && w[0].equals("auth")) {
                active = w[1];
            } else if (w.length >= 3 && w[1].equals("sha1")) {
                secrets.put(w[0], w[2]);
            }
        }
        if (active == null || !secrets.containsKey(active)) {
            throw new IllegalArgumentException("no active sha1 key in " + authkeys);
        }
        return new String[] {active, secrets.get(active)};
    }

    /** The datagrams {@link UdpRelay} recorded from {@code from} (an IPv4 address; null: all), in order. */
    static List<byte[]> readRecord(Path file, String from) throws IOException {
        byte[] want = from == null ? null : InetAddress.getByName(from).getAddress();
        List<byte[]> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            while (true) {
                byte[] addr = new byte[4];
                byte[] d;
                try {
                    data.readFully(addr);
                    int len = data.readInt();
                    d = new byte[len];
                    data.readFully(d);
                } catch (EOFException e) {
                    break; // the last one may be cut while the relay still writes
                }
                if (want == null || Arrays.equals(want, addr)) {
                    out.add(d);
                }
            }
        }
        return out;
    }
}
