package org.karabeat.itests;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A passive receiver of one node's heartbeats: {@code tcpdump} on the node's port of the lab bridge (in the
 * bridge namespace, direction "in" = what the node sends), writing a pcap file with the kernel's capture
 * timestamps. The same for a Karabeat and a classic node: neither knows it is watched, and no user-space
 * receiver's own scheduling delay is in the figures.
 */
final class HeartbeatCapture implements AutoCloseable {

    /** One {@code t=status} datagram: capture time (epoch microseconds), its {@code seq}, its bytes. */
    record Status(long epochMicros, String seq, byte[] udpPayload) {
    }

    private static final byte[] STATUS = "(0)t=status,".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] SEQ = "(0)seq=".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] HG = "(0)hg=".getBytes(StandardCharsets.ISO_8859_1);

    private final Path file;
    private final Path err;
    private final Process tcpdump;

    private HeartbeatCapture(Path file, Path err, Process tcpdump) {
        this.file = file;
        this.err = err;
        this.tcpdump = tcpdump;
    }

    /**
     * Starts capturing, in {@code bridgeNamespace}, the UDP datagrams to port 694 that arrive from the node on
     * bridge port {@code port}; returns once tcpdump listens.
     */
    static HeartbeatCapture start(String bridgeNamespace, String port, Path file) throws IOException,
            InterruptedException {
        Files.deleteIfExists(file);
        Path err = file.resolveSibling(file.getFileName() + ".err");
        Process p = new ProcessBuilder("ip", "netns", "exec", bridgeNamespace, "tcpdump", "-i", port, "-Q", "in", "-n",
                "-U", "-s", "4096", "-Z", "root", "-w", file.toString(), "udp", "dst", "port", "694")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        HeartbeatCapture c = new HeartbeatCapture(file, err, p);
        if (NetLab.await(10_000, () -> c.errText().contains("listening on")) < 0) {
            c.close();
            throw new AssertionError("tcpdump on " + port + " did not start: " + c.errText());
        }
        return c;
    }

    private String errText() {
        try {
            return Files.exists(err) ? Files.readString(err, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops tcpdump (SIGTERM: it flushes the file), bounded. */
    @Override
    public void close() throws InterruptedException {
        if (tcpdump.isAlive()) {
            tcpdump.destroy();
            if (!tcpdump.waitFor(10, TimeUnit.SECONDS)) {
                tcpdump.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The status messages captured so far, first copy of each {@code hg/seq} only, in capture order. */
    List<Status> statuses() throws IOException {
        return read(file);
    }

    static List<Status> read(Path pcap) throws IOException {
        List<Status> out = new ArrayList<>();
        if (!Files.exists(pcap)) {
            return out;
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap));
        if (b.remaining() < 24) {
            return out;
        }
        int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        boolean nanos;
        if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else {
            b.order(ByteOrder.BIG_ENDIAN);
            magic = b.getInt(0);
        }
        nanos = magic == 0xa1b23c4d;
        int linkType = b.getInt(20);
        if (linkType != 1) {
            throw new AssertionError(pcap + ": link type " + linkType + ", expected Ethernet");
        }
        Set<String> seen = new HashSet<>();
        int p = 24;
        while (p + 16 <= b.limit()) {
            long sec = b.getInt(p) & 0xffffffffL;
            long frac = b.getInt(p + 4) & 0xffffffffL;
            int incl = b.getInt(p + 8);
            int data = p + 16;
            p = data + incl;
            if (p > b.limit()) {
                break; // last record still being written
            }
            byte[] payload = udpPayload(b.array(), data, incl);
            if (payload == null || indexOf(payload, STATUS, 0) < 0) {
                continue;
            }
            String seq = field(payload, SEQ);
            if (seq != null && !seen.add(field(payload, HG) + "/" + seq)) {
                continue; // a retransmitted copy (seq counts from 1 again in a new generation)
            }
            out.add(new Status(sec * 1_000_000 + (nanos ? frac / 1000 : frac), seq, payload));
        }
        return out;
    }

    /** The UDP payload of an Ethernet/IPv4/UDP frame, or null. */
    private static byte[] udpPayload(byte[] f, int off, int len) {
        int end = off + len;
        int p = off + 12;
        if (p + 2 > end) {
            return null;
        }
        int type = ((f[p] & 0xff) << 8) | (f[p + 1] & 0xff);
        p += 2;
        if (type == 0x8100 && p + 4 <= end) {
            type = ((f[p + 2] & 0xff) << 8) | (f[p + 3] & 0xff);
            p += 4;
        }
        if (type != 0x0800 || p + 20 > end) {
            return null;
        }
        int ihl = (f[p] & 0x0f) * 4;
        int frag = ((f[p + 6] & 0x1f) << 8) | (f[p + 7] & 0xff);
        if (f[p + 9] != 17 || frag != 0) {
            return null;
        }
        int udp = p + ihl;
        if (udp + 8 > end) {
            return null;
        }
        return Arrays.copyOfRange(f, udp + 8, end);
    }

    private static String field(byte[] payload, byte[] prefix) {
        int i = indexOf(payload, prefix, 0);
        if (i < 0) {
            return null;
        }
        int s = i + prefix.length;
        int e = s;
        while (e < payload.length && payload[e] != ',') {
            e++;
        }
        return new String(payload, s, e - s, StandardCharsets.ISO_8859_1);
    }

    private static int indexOf(byte[] a, byte[] x, int from) {
        outer:
        for (int i = from; i + x.length <= a.length; i++) {
            for (int j = 0; j < x.length; j++) {
                if (a[i + j] != x[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Intervals (ms) between consecutive status messages captured within {@code [fromMicros, toMicros]}. */
    static double[] intervalsMs(List<Status> statuses, long fromMicros, long toMicros) {
        List<Double> out = new ArrayList<>();
        long prev = Long.MIN_VALUE;
        for (Status s : statuses) {
            if (s.epochMicros() < fromMicros || s.epochMicros() > toMicros) {
                continue;
            }
            if (prev != Long.MIN_VALUE) {
                out.add((s.epochMicros() - prev) / 1000.0);
            }
            prev = s.epochMicros();
        }
        return out.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }
}
