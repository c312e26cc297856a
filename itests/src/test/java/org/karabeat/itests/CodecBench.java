package org.karabeat.itests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

import org.karabeat.config.legacy.AuthKey;
import org.karabeat.config.legacy.AuthKeys;
import org.karabeat.config.legacy.AuthMethod;
import org.karabeat.transport.wire.DecodeResult;
import org.karabeat.transport.wire.HbMessage;
import org.karabeat.transport.wire.WireCodec;

/**
 * The wire codec's throughput on one thread (= one core), a plain timed loop rather than JMH: warm-up first
 * (so the JIT has compiled the loop), then timed batches of about one second; the median batch is the
 * figure, the others show the spread. The message is a real {@code t=status} datagram a Karabeat node sent
 * in the same run (captured on the bridge), with the run's sha1 key.
 * <ul>
 * <li>encode: netstring form + HMAC-SHA1 twice (heartbeat's inner {@code auth} field over the classic text,
 * then the trailer), as every sent message costs;</li>
 * <li>decode: parse + HMAC-SHA1 check of the trailer, as every received message costs;</li>
 * <li>round trip: both, one after the other on the same thread.</li>
 * </ul>
 */
final class CodecBench {

    /** Messages per second per batch, and what was measured. */
    record Result(String what, double[] perSecond) {
        double median() {
            double[] s = perSecond.clone();
            Arrays.sort(s);
            return s[s.length / 2];
        }

        double min() {
            return Arrays.stream(perSecond).min().orElse(0);
        }

        double max() {
            return Arrays.stream(perSecond).max().orElse(0);
        }
    }

    private static volatile int sink;

    private final WireCodec codec;
    private final byte[] datagram;
    private final HbMessage message;

    /** @throws AssertionError when the codec does not accept the captured datagram */
    CodecBench(String sha1Secret, byte[] datagram) {
        this.codec = WireCodec.create(new AuthKeys(1, Map.of(1, new AuthKey(1, AuthMethod.SHA1, sha1Secret, 2))));
        this.datagram = datagram;
        DecodeResult r = codec.decode(datagram);
        if (!r.isAccepted()) {
            throw new AssertionError("the codec drops the captured status datagram: " + r);
        }
        this.message = r.message();
    }

    int datagramSize() {
        return datagram.length;
    }

    int fields() {
        return message.fields().size();
    }

    /** Whether encoding the decoded message gives back the captured bytes. */
    boolean reencodesIdentically() {
        return Arrays.equals(codec.encode(message), datagram);
    }

    List<Result> run(double warmupSeconds, int batches) {
        IntSupplier encode = () -> codec.encode(message).length;
        IntSupplier decode = () -> codec.decode(datagram).isAccepted() ? 1 : 0;
        IntSupplier roundTrip = () -> codec.decode(codec.encode(message)).isAccepted() ? 1 : 0;
        loop(roundTrip, warmupSeconds / 3);
        loop(encode, warmupSeconds / 3);
        loop(decode, warmupSeconds / 3);
        List<Result> out = new ArrayList<>();
        out.add(measure("encode + sign (2 x HMAC-SHA1)", encode, batches));
        out.add(measure("decode + verify (1 x HMAC-SHA1)", decode, batches));
        out.add(measure("encode + decode round trip", roundTrip, batches));
        return out;
    }

    private static Result measure(String what, IntSupplier op, int batches) {
        double[] r = new double[batches];
        for (int i = 0; i < batches; i++) {
            r[i] = loop(op, 1.0);
        }
        return new Result(what, r);
    }

    /** Runs {@code op} for about {@code seconds}; operations per second. */
    private static double loop(IntSupplier op, double seconds) {
        long budget = (long) (seconds * 1e9);
        long start = System.nanoTime();
        long n = 0;
        long elapsed;
        int acc = 0;
        do {
            for (int i = 0; i < 256; i++) {
                acc += op.getAsInt();
            }
            n += 256;
            elapsed = System.nanoTime() - start;
        } while (elapsed < budget);
        sink = acc;
        return n / (elapsed / 1e9);
    }

    static String format(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }
}
