package org.karabeat.transport.wire;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.karabeat.config.legacy.AuthKey;
import org.karabeat.config.legacy.AuthKeys;
import org.karabeat.transport.identity.UuidBytes;

import org.junit.AfterClass;
import org.junit.Test;

/**
 * Fuzzing {@link WireCodec#decode} with mutated real messages: the datagrams captured from heartbeat 3.0.6
 * ({@link Golden}) and messages {@link WireCodec} writes for every message class (netstring and classic form,
 * signed with sha1, md5, crc and sha256), each changed by one to four of: bit flips, byte changes, byte
 * insertions and deletions, truncation, netstring length edits (off by one, zero, leading zeros, huge),
 * duplicated fields or lines, long runs of bytes, random bytes, splices of two messages, trailer edits, and
 * re-signing the changed body with the right key (so that the parser's accepting path sees odd bodies too).
 * <p>
 * For every one of {@value #TRIES} × {@value #PER_TRY} datagrams:
 * <ul>
 * <li>{@code decode} returns and throws nothing; a drop has a reason;</li>
 * <li>an accepted datagram is exactly a validly signed message, checked without the codec: the netstring body
 * rebuilt from the decoded fields is the datagram's first bytes, the rest is one trailer netstring (and at most a
 * NUL) whose digest, recomputed with Bouncy Castle's HMac (or a bitwise CRC), matches under the key of its index;
 * for the classic form the {@code auth} field matches the classic text of the other fields, written here;</li>
 * <li>the same bytes inside a larger buffer (junk before and after) decode to the same result;</li>
 * <li>an accepted message can be encoded again;</li>
 * <li>decode allocates at most {@value #MAX_BATCH_ALLOCATION_RATIO} × the bytes it was given over each batch of
 * {@value #PER_TRY} (ThreadMXBean#getThreadAllocatedBytes around the batch), and in any one call at most
 * {@value #MAX_DROP_ALLOCATION_RATIO} × the datagram + {@value #MAX_CALL_ALLOCATION_CONSTANT} bytes for a drop,
 * {@value #MAX_ACCEPT_ALLOCATION_RATIO} × + {@value #MAX_CALL_ALLOCATION_CONSTANT} for an accepted message.</li>
 * </ul>
 * A failure names the run's seed and the try's (re-run the run with {@code -Dfuzz.seed=<run seed>}), the
 * datagram's origin, the mutations and the bytes.
 *
 * <p>A seeded loop rather than a property-testing library: the issue named jqwik, whose author asks AI agents
 * not to use it (jqwik 1.10 prints so into every build); the properties need no shrinking (each failure prints
 * its datagram and the mutations that made it), so plain JUnit and SplittableRandom do the job.
 */
public class WireCodecFuzzTest {

    static final int TRIES = 1_000;
    static final int PER_TRY = 1_000;
    /** Over a batch: allocated bytes / datagram bytes. */
    static final double MAX_BATCH_ALLOCATION_RATIO = 2.0;
    /**
     * For one dropped datagram: allocated bytes &lt;= this × the datagram + the constant. The claimed {@code src},
     * which is not capped: decoding bytes that are not UTF-8 makes a UTF-16 string through two or three
     * temporary arrays, about 6 × its length (seen: 11,864 bytes for a 1,977-byte datagram that is nearly all
     * src); and, for the classic form, one copy of the lines.
     */
    static final int MAX_DROP_ALLOCATION_RATIO = 8;
    /**
     * For one accepted datagram: the message, an object or two per field (a one-letter field in 9 bytes costs
     * about 100), so only a sender with the key can make it large.
     */
    static final int MAX_ACCEPT_ALLOCATION_RATIO = 16;
    static final int MAX_CALL_ALLOCATION_CONSTANT = 1_024;

    /** The keys of the messages Karabeat writes here; the golden captures come with their own. */
    private static final AuthKeys FUZZ_KEYS = Golden.keys("auth 1", "1 sha1 fuzz-sha1-key", "2 md5 fuzz-md5-key",
            "3 crc", "4 sha256 fuzz-sha256-key");

    /** A datagram to start from, with the keys its receiver has. */
    record Seed(String name, byte[] bytes, AuthKeys keys, WireCodec codec) {
    }

    private static final List<Seed> SEEDS = seeds();

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    // what the runs saw, for the report
    private static long decoded;
    private static long accepted;
    private static long acceptedResigned;
    private static long bytesGiven;
    private static long bytesAllocated;
    private static double maxBatchRatio;
    /** The call that came nearest to its bound, dropped and accepted: allocated bytes and datagram size. */
    private static final long[] WORST_DROP = new long[2];
    private static final long[] WORST_ACCEPT = new long[2];
    private static long nanos;
    private static final Map<DropReason, Long> DROPS = new EnumMap<>(DropReason.class);

    /** The run's seed: {@code -Dfuzz.seed=N} repeats a run, else a new one each time (printed). */
    private static final long RUN_SEED = Long.getLong("fuzz.seed", new SplittableRandom().nextLong());

    @Test
    public void mutatedMessagesAreDroppedOrExactlyValidlySigned() {
        System.out.println("WireCodecFuzzTest: run seed " + RUN_SEED + " (repeat with -Dfuzz.seed=" + RUN_SEED + ")");
        SplittableRandom seeds = new SplittableRandom(RUN_SEED);
        for (int t = 0; t < TRIES; t++) {
            long seed = seeds.nextLong();
            try {
                oneTry(seed);
            } catch (AssertionError e) {
                throw new AssertionError("run seed " + RUN_SEED + ", try " + t + " (seed " + seed + "): "
                        + e.getMessage(), e);
            }
        }
    }

    private void oneTry(long seed) {
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        Seed[] origins = new Seed[PER_TRY];
        byte[][] datagrams = new byte[PER_TRY][];
        String[] histories = new String[PER_TRY];
        boolean[] resigned = new boolean[PER_TRY];
        DecodeResult[] results = new DecodeResult[PER_TRY];
        long[] allocations = new long[PER_TRY];
        long size = 0;
        for (int i = 0; i < PER_TRY; i++) {
            Seed s = SEEDS.get(random.nextInt(SEEDS.size()));
            StringBuilder history = new StringBuilder();
            byte[] b = s.bytes();
            int changes = 1 + random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                b = mutate(b, random, history);
            }
            if (random.nextInt(4) == 0) {
                b = resign(b, s.keys(), random, history);
                resigned[i] = true;
            }
            origins[i] = s;
            datagrams[i] = b;
            histories[i] = history.toString();
            size += b.length;
        }

        // the batch, measured: nothing but decode between the two readings (and the per-call readings)
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < PER_TRY; i++) {
            long a = THREADS.getCurrentThreadAllocatedBytes();
            try {
                results[i] = origins[i].codec().decode(datagrams[i]);
            } catch (RuntimeException | Error e) {
                throw new AssertionError("decode threw " + e + " for " + describe(origins[i], histories[i],
                        datagrams[i]), e);
            }
            allocations[i] = THREADS.getCurrentThreadAllocatedBytes() - a;
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

        for (int i = 0; i < PER_TRY; i++) {
            check(origins[i], datagrams[i], results[i], histories[i], random);
            int callRatio = results[i].isAccepted() ? MAX_ACCEPT_ALLOCATION_RATIO : MAX_DROP_ALLOCATION_RATIO;
            if (allocations[i] > (long) callRatio * datagrams[i].length + MAX_CALL_ALLOCATION_CONSTANT) {
                throw new AssertionError("decode allocated " + allocations[i] + " bytes for a datagram of "
                        + datagrams[i].length + " (" + results[i] + "): "
                        + describe(origins[i], histories[i], datagrams[i]));
            }
            long[] worst = results[i].isAccepted() ? WORST_ACCEPT : WORST_DROP;
            if (share(allocations[i], datagrams[i].length, callRatio) > share(worst[0], (int) worst[1], callRatio)) {
                worst[0] = allocations[i];
                worst[1] = datagrams[i].length;
            }
            if (results[i].isAccepted()) {
                accepted++;
                if (resigned[i]) {
                    acceptedResigned++;
                }
            } else {
                DROPS.merge(results[i].dropReason(), 1L, Long::sum);
            }
        }
        double ratio = (double) allocated / size;
        if (ratio > MAX_BATCH_ALLOCATION_RATIO) {
            throw new AssertionError(String.format("decode allocated %d bytes for %d bytes of datagrams (%.2f ×)",
                    allocated, size, ratio));
        }
        decoded += PER_TRY;
        bytesGiven += size;
        bytesAllocated += allocated;
        maxBatchRatio = Math.max(maxBatchRatio, ratio);
        nanos += System.nanoTime() - start;
    }

    /** How much of its bound a call used. */
    private static double share(long allocated, int size, int ratio) {
        return (double) allocated / ((long) ratio * size + MAX_CALL_ALLOCATION_CONSTANT);
    }

    @AfterClass
    public static void report() {
        if (decoded == 0) {
            return;
        }
        System.out.printf(
                "WireCodecFuzzTest: %,d mutated datagrams from %d seeds decoded in %.1f s (%,d accepted, %,d of them"
                        + " re-signed after mutation); drops %s%n",
                decoded, SEEDS.size(), nanos / 1e9, accepted, acceptedResigned, DROPS);
        System.out.printf(
                "WireCodecFuzzTest: decode allocates %.2f × datagram size on average, max %.2f × over a batch of %d"
                        + " (bound %.1f ×); nearest its bound: a drop of %,d bytes allocated %,d (bound %d × + %d),"
                        + " an accepted one of %,d bytes %,d (bound %d × + %d)%n",
                (double) bytesAllocated / bytesGiven, maxBatchRatio, PER_TRY, MAX_BATCH_ALLOCATION_RATIO,
                WORST_DROP[1], WORST_DROP[0], MAX_DROP_ALLOCATION_RATIO, MAX_CALL_ALLOCATION_CONSTANT,
                WORST_ACCEPT[1], WORST_ACCEPT[0], MAX_ACCEPT_ALLOCATION_RATIO, MAX_CALL_ALLOCATION_CONSTANT);
    }

    /** The independent check is right: every seed passes it, and it refuses a changed digest or body. */
    @Test
    public void everySeedIsAcceptedAndPassesTheIndependentCheck() {
        for (Seed s : SEEDS) {
            DecodeResult r = s.codec().decode(s.bytes());
            if (!r.isAccepted()) {
                throw new AssertionError(s.name() + ": " + r);
            }
            String problem = independentCheck(s.bytes(), r, s.keys());
            if (problem != null) {
                throw new AssertionError(s.name() + ": " + problem);
            }
            if (r.form().orElseThrow() == WireForm.NETSTRING) {
                byte[] forged = s.bytes().clone();
                int last = forged.length - (forged[forged.length - 1] == 0 ? 3 : 2); // the last digest digit
                forged[last] = (byte) (forged[last] == '0' ? '1' : '0');
                byte[] body = s.bytes().clone();
                body[5] ^= 1; // in the first field
                if (independentCheck(forged, r, s.keys()) == null || independentCheck(body, r, s.keys()) == null) {
                    throw new AssertionError(s.name() + ": the check takes a changed digest or body");
                }
            } else {
                HbMessage.Builder b = HbMessage.builder();
                for (HbMessage.Field f : r.message().fields()) {
                    b.add(f.name().equals("auth") ? new HbMessage.Field("auth", 0,
                            (f.text().substring(0, f.text().length() - 1) + "g").getBytes(StandardCharsets.US_ASCII))
                            : f);
                }
                DecodeResult changed = DecodeResult.accepted(b.build(), WireForm.CLASSIC, r.keyIndex());
                if (independentCheck(s.bytes(), changed, s.keys()) == null) {
                    throw new AssertionError(s.name() + ": the check takes a changed digest");
                }
            }
        }
        if (SEEDS.stream().noneMatch(s -> s.name().startsWith("classic"))) {
            throw new AssertionError("no classic seeds");
        }
    }

    // ------------------------------------------------------------------------------------------- the checks

    private static void check(Seed origin, byte[] b, DecodeResult r, String history, SplittableRandom random) {
        if (r == null) {
            throw new AssertionError("null result for " + describe(origin, history, b));
        }
        if (r.isAccepted()) {
            String problem = r.dropReason() != null || r.keyIndex() < 0 || r.form().isEmpty() ? "inconsistent result"
                    : independentCheck(b, r, origin.keys());
            if (problem != null) {
                throw new AssertionError("accepted, but " + problem + ": " + describe(origin, history, b));
            }
            try {
                origin.codec().encode(r.message());
            } catch (MessageTooLargeException e) {
                // the same fields with this codec's trailer may be longer; not the point here
            } catch (RuntimeException e) {
                throw new AssertionError("accepted but cannot be encoded again (" + e + "): "
                        + describe(origin, history, b), e);
            }
        } else if (r.dropReason() == null || r.keyIndex() != -1) {
            throw new AssertionError("dropped without a reason: " + describe(origin, history, b));
        }
        // the same bytes amid junk: decode(buf, offset, length) and decode(ByteBuffer) must read only them
        int pre = random.nextInt(8);
        int post = random.nextInt(8);
        byte[] big = new byte[pre + b.length + post];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) "#%>,:0123456789\n".charAt(random.nextInt(16));
        }
        System.arraycopy(b, 0, big, pre, b.length);
        DecodeResult inside = origin.codec().decode(big, pre, b.length);
        DecodeResult buffer = origin.codec().decode(ByteBuffer.wrap(big, pre, b.length).slice());
        for (DecodeResult other : new DecodeResult[] {inside, buffer}) {
            if (!sameResult(r, other)) {
                throw new AssertionError("amid other bytes: " + other + " instead of " + r + ": "
                        + describe(origin, history, b));
            }
        }
    }

    private static boolean sameResult(DecodeResult a, DecodeResult b) {
        if (a.isAccepted() != b.isAccepted()) {
            return false;
        }
        if (a.isAccepted()) {
            return a.message().equals(b.message()) && a.keyIndex() == b.keyIndex() && a.form().equals(b.form());
        }
        return a.dropReason() == b.dropReason() && a.claimedSource().equals(b.claimedSource());
    }

    /**
     * Null when {@code b} is exactly the accepted message {@code r}, validly signed with a key of {@code keys};
     * else what is wrong. Uses none of the codec's classes but the decoded fields.
     */
    static String independentCheck(byte[] b, DecodeResult r, AuthKeys keys) {
        HbMessage m = r.message();
        if (r.form().orElseThrow() == WireForm.NETSTRING) {
            int bodyLength = netstringBodyLength(b, m);
            if (bodyLength < 0) {
                return "the datagram is not the decoded fields in netstring form";
            }
            byte[] body = Arrays.copyOf(b, bodyLength);
            int end = b.length;
            if (end > body.length && b[end - 1] == 0) {
                end--; // one NUL after the message, as C senders leave
            }
            int p = body.length;
            int digits = 0;
            long len = 0;
            while (p < end && b[p] >= '0' && b[p] <= '9' && digits < 9) {
                len = len * 10 + (b[p++] - '0');
                digits++;
            }
            if (digits == 0 || p >= end || b[p] != ':' || p + 1 + len != end - 1 || b[end - 1] != ',') {
                return "what follows the body is not one trailer netstring";
            }
            return checkAuth(new String(b, p + 1, (int) len, StandardCharsets.ISO_8859_1), body, r, keys);
        }
        // classic: the last auth field against the classic text of the other fields
        String text = Golden.ascii(b);
        if (!text.startsWith(">>>\n") || !(text.endsWith("<<<\n") || text.endsWith("<<<\n\0"))) {
            return "not framed as the classic form";
        }
        String auth = null;
        for (HbMessage.Field f : m.fields()) {
            if (f.type() == HbMessage.STRING && f.name().equals("auth")) {
                auth = f.text();
            }
        }
        if (auth == null) {
            return "no auth field";
        }
        return checkAuth(auth, classicText(m), r, keys);
    }

    private static String checkAuth(String auth, byte[] signed, DecodeResult r, AuthKeys keys) {
        int space = auth.indexOf(' ');
        if (space <= 0 || space > 9 || !auth.substring(0, space).chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "authentication '" + auth + "' is not <index> <digest>";
        }
        int index = Integer.parseInt(auth.substring(0, space));
        AuthKey key = keys.keys().get(index);
        if (key == null) {
            return "key index " + index + " is not in authkeys";
        }
        if (index != r.keyIndex()) {
            return "key index " + index + " but the codec says " + r.keyIndex();
        }
        String expected = digest(key, signed);
        if (!expected.equals(auth.substring(space + 1))) {
            return "digest " + auth.substring(space + 1) + " is not " + expected;
        }
        return null;
    }

    /**
     * The length of the netstring body ({@code ###\n} through {@code %%%\n}) at the start of {@code b} when it
     * holds exactly the fields of {@code m}, each as {@code <len>:(<type>)<name>=<value>,} (the length in
     * decimal, leading zeros allowed as in what the sender signed); -1 when it does not.
     */
    private static int netstringBodyLength(byte[] b, HbMessage m) {
        if (!Golden.ascii(b).startsWith("###\n")) {
            return -1;
        }
        int p = 4;
        for (HbMessage.Field f : m.fields()) {
            byte[] content = concat(("(" + f.type() + ")").getBytes(StandardCharsets.ISO_8859_1),
                    f.name().getBytes(StandardCharsets.ISO_8859_1), new byte[] {'='}, f.value());
            long len = 0;
            int digits = 0;
            while (p < b.length && b[p] >= '0' && b[p] <= '9' && digits < 18) {
                len = len * 10 + (b[p++] - '0');
                digits++;
            }
            if (digits == 0 || len != content.length || p + 1 + content.length >= b.length || b[p] != ':'
                    || !Arrays.equals(b, p + 1, p + 1 + content.length, content, 0, content.length)
                    || b[p + 1 + content.length] != ',') {
                return -1;
            }
            p += 1 + content.length + 1;
        }
        return Golden.ascii(b).startsWith("%%%\n", p) ? p + 4 : -1;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /**
     * What the classic {@code auth} field signs: every other field as {@code name=value\n} (a newline in a value
     * as byte 19), binary ones as {@code (1)name=<base64>\n}, lists as {@code (3)name=<raw>\n}.
     */
    private static byte[] classicText(HbMessage m) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (HbMessage.Field f : m.fields()) {
            if (f.name().equals("auth")) {
                continue;
            }
            byte[] value = f.value();
            if (f.type() == HbMessage.STRING) {
                for (int i = 0; i < value.length; i++) {
                    value[i] = value[i] == '\n' ? 19 : value[i];
                }
            } else {
                out.writeBytes(("(" + f.type() + ")").getBytes(StandardCharsets.ISO_8859_1));
                if (f.type() == HbMessage.BINARY) {
                    value = java.util.Base64.getEncoder().encode(value);
                }
            }
            out.writeBytes(f.name().getBytes(StandardCharsets.ISO_8859_1));
            out.write('=');
            out.writeBytes(value);
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** The digest text as heartbeat prints it, with Bouncy Castle's HMac, or a bitwise CRC for crc. */
    static String digest(AuthKey key, byte[] data) {
        Digest d;
        switch (key.method()) {
            case CRC: {
                int crc = 0;
                for (byte x : data) {
                    crc ^= (x & 0xff) << 24;
                    for (int bit = 0; bit < 8; bit++) {
                        crc = crc < 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
                    }
                }
                return Long.toHexString(~crc & 0xffffffffL);
            }
            case MD5:
                d = new MD5Digest();
                break;
            case SHA1:
                d = new SHA1Digest();
                break;
            case SHA256:
                d = new SHA256Digest();
                break;
            default:
                throw new IllegalArgumentException(key.method().toString());
        }
        HMac mac = new HMac(d);
        mac.init(new KeyParameter(key.secretBytes()));
        mac.update(data, 0, data.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }

    // -------------------------------------------------------------------------------------------- mutations

    private static final byte[] INTERESTING = "0123456789:,()=\n%#<>\0\u0013 +/=-x".getBytes(StandardCharsets.ISO_8859_1);
    private static final String[] LENGTHS = {"0", "00", "1", "9999999", "99999999", "2147483647", "2147483648",
        "4294967296", "18446744073709551616", "-1", "", " 1", "1e3", "0x10"};

    static byte[] mutate(byte[] b, SplittableRandom random, StringBuilder history) {
        int n = b.length;
        int op = random.nextInt(14);
        int pos = n == 0 ? 0 : random.nextInt(n);
        switch (op) {
            case 0: { // bit flip
                if (n == 0) {
                    return b;
                }
                byte[] out = b.clone();
                int bit = random.nextInt(8);
                out[pos] ^= (byte) (1 << bit);
                history.append(" flip@").append(pos).append('.').append(bit);
                return out;
            }
            case 1: { // one byte changed
                if (n == 0) {
                    return b;
                }
                byte[] out = b.clone();
                out[pos] = randomByte(random);
                history.append(" set@").append(pos);
                return out;
            }
            case 2: { // insertion
                int at = random.nextInt(n + 1);
                history.append(" insert@").append(at);
                return splice(b, at, at, new byte[] {randomByte(random)});
            }
            case 3: { // deletion of one byte or a run
                if (n == 0) {
                    return b;
                }
                int len = 1 + (random.nextBoolean() ? 0 : random.nextInt(Math.min(32, n - pos)));
                history.append(" delete@").append(pos).append('+').append(len);
                return splice(b, pos, Math.min(n, pos + len), new byte[0]);
            }
            case 4: { // truncation
                int at = random.nextInt(n + 1);
                history.append(" truncate@").append(at);
                return Arrays.copyOf(b, at);
            }
            case 5:
            case 6: { // a netstring length (or any number before a colon) edited
                List<int[]> numbers = numbersBeforeColon(b);
                if (numbers.isEmpty()) {
                    return mutate(b, random, history);
                }
                int[] num = numbers.get(random.nextInt(numbers.size()));
                long value = Long.parseLong(new String(b, num[0], num[1] - num[0], StandardCharsets.ISO_8859_1));
                String replacement;
                switch (random.nextInt(5)) {
                    case 0:
                        replacement = Long.toString(value + 1);
                        break;
                    case 1:
                        replacement = Long.toString(Math.max(0, value - 1));
                        break;
                    case 2:
                        replacement = "0" + value;
                        break;
                    case 3:
                        replacement = Long.toString(value + random.nextInt(-40, 41));
                        break;
                    default:
                        replacement = LENGTHS[random.nextInt(LENGTHS.length)];
                }
                history.append(" length@").append(num[0]).append('=').append(replacement);
                return splice(b, num[0], num[1], replacement.getBytes(StandardCharsets.ISO_8859_1));
            }
            case 7: { // a field (netstring) or line (classic) duplicated, in place or elsewhere
                List<int[]> fields = fields(b);
                if (fields.isEmpty()) {
                    return mutate(b, random, history);
                }
                int[] f = fields.get(random.nextInt(fields.size()));
                int[] where = fields.get(random.nextInt(fields.size()));
                int at = random.nextBoolean() ? f[1] : where[0];
                history.append(" duplicate@").append(f[0]).append("->").append(at);
                return splice(b, at, at, Arrays.copyOfRange(b, f[0], f[1]));
            }
            case 8: { // a long run of one byte
                int at = random.nextInt(n + 1);
                byte[] run = new byte[1 + random.nextInt(random.nextBoolean() ? 64 : 4_000)];
                Arrays.fill(run, randomByte(random));
                history.append(" run@").append(at).append('x').append(run.length);
                return splice(b, at, at, run);
            }
            case 9: { // random bytes over a range
                if (n == 0) {
                    return b;
                }
                byte[] out = b.clone();
                int len = 1 + random.nextInt(Math.min(48, n - pos));
                for (int i = pos; i < pos + len; i++) {
                    out[i] = (byte) random.nextInt(256);
                }
                history.append(" random@").append(pos).append('+').append(len);
                return out;
            }
            case 10: { // the head of this message with the tail of another
                byte[] other = SEEDS.get(random.nextInt(SEEDS.size())).bytes();
                int cut = random.nextInt(n + 1);
                int from = random.nextInt(other.length + 1);
                history.append(" splice@").append(cut).append('/').append(from);
                return splice(Arrays.copyOf(b, cut), cut, cut, Arrays.copyOfRange(other, from, other.length));
            }
            case 11: { // the trailer's index or digest changed (netstring) / the auth line (classic)
                int t = Golden.ascii(b).lastIndexOf("%%%\n");
                int at = t >= 0 ? t + 4 : Math.max(0, Golden.ascii(b).lastIndexOf("auth="));
                String[] trailers = {"42:1 " + "0".repeat(40) + ",", "34:2 " + "0".repeat(32) + ",", "3:3 0,",
                    "66:4 " + "0".repeat(64) + ",", "42:16 " + "0".repeat(39) + ",", "2:1 ,", "44:1  " + "a".repeat(40)
                        + ",", "auth=1 00\n<<<\n", "auth=7 abc\n<<<\n"};
                String tr = trailers[random.nextInt(trailers.length)];
                history.append(" trailer@").append(at).append('=').append(tr.replace("\n", "\\n"));
                return splice(b, at, n, tr.getBytes(StandardCharsets.ISO_8859_1));
            }
            case 12: { // type digit of a field changed
                List<int[]> types = new ArrayList<>();
                for (int i = 0; i + 2 < n; i++) {
                    if (b[i] == '(' && b[i + 2] == ')') {
                        types.add(new int[] {i + 1});
                    }
                }
                if (types.isEmpty()) {
                    return mutate(b, random, history);
                }
                byte[] out = b.clone();
                int at = types.get(random.nextInt(types.size()))[0];
                out[at] = (byte) ('0' + random.nextInt(10));
                history.append(" type@").append(at).append('=').append((char) out[at]);
                return out;
            }
            default: { // all random, behind a real start
                byte[] start = random.nextBoolean() ? "###\n".getBytes(StandardCharsets.ISO_8859_1)
                        : ">>>\n".getBytes(StandardCharsets.ISO_8859_1);
                byte[] out = Arrays.copyOf(start, start.length + random.nextInt(400));
                for (int i = start.length; i < out.length; i++) {
                    out[i] = random.nextBoolean() ? (byte) random.nextInt(256)
                            : INTERESTING[random.nextInt(INTERESTING.length)];
                }
                history.append(" garbage+").append(out.length);
                return out;
            }
        }
    }

    /**
     * Signs the (changed) body again with a key of the receiver: the netstring trailer over everything through
     * the last {@code %%%\n}; the classic {@code auth} line over the other lines as they are.
     */
    static byte[] resign(byte[] b, AuthKeys keys, SplittableRandom random, StringBuilder history) {
        List<AuthKey> all = new ArrayList<>(keys.keys().values());
        AuthKey key = all.get(random.nextInt(all.size()));
        String text = Golden.ascii(b);
        int t = text.lastIndexOf("%%%\n");
        if (text.startsWith("###\n") && t >= 0) {
            byte[] body = Arrays.copyOf(b, t + 4);
            String auth = key.index() + " " + digest(key, body);
            history.append(" resigned(").append(key.index()).append(')');
            return splice(body, body.length, body.length,
                    (auth.length() + ":" + auth + ",").getBytes(StandardCharsets.ISO_8859_1));
        }
        int end = text.lastIndexOf("<<<\n");
        if (text.startsWith(">>>\n") && end >= 4) {
            StringBuilder signed = new StringBuilder();
            for (String line : text.substring(4, end).split("\n")) {
                if (!line.isEmpty() && !line.startsWith("auth=")) {
                    signed.append(line).append('\n');
                }
            }
            String auth = "auth=" + key.index() + " " + digest(key, signed.toString().getBytes(
                    StandardCharsets.ISO_8859_1)) + "\n";
            history.append(" resigned-classic(").append(key.index()).append(')');
            return (">>>\n" + signed + auth + "<<<\n").getBytes(StandardCharsets.ISO_8859_1);
        }
        history.append(" (not resignable)");
        return b;
    }

    private static byte randomByte(SplittableRandom random) {
        return random.nextBoolean() ? (byte) random.nextInt(256) : INTERESTING[random.nextInt(INTERESTING.length)];
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] out = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(b, to, out, from + insert.length, b.length - to);
        return out;
    }

    /** [start, end) of each run of decimal digits followed by ':'. */
    private static List<int[]> numbersBeforeColon(byte[] b) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < b.length) {
            if (b[i] >= '0' && b[i] <= '9') {
                int s = i;
                while (i < b.length && b[i] >= '0' && b[i] <= '9') {
                    i++;
                }
                if (i < b.length && b[i] == ':' && i - s <= 18) {
                    out.add(new int[] {s, i});
                }
            } else {
                i++;
            }
        }
        return out;
    }

    /** [start, end) of each netstring field (by its lengths, as far as they hold) or each classic line. */
    private static List<int[]> fields(byte[] b) {
        List<int[]> out = new ArrayList<>();
        String text = Golden.ascii(b);
        if (text.startsWith(">>>\n")) {
            int p = 4;
            int nl;
            while ((nl = text.indexOf('\n', p)) > 0) {
                out.add(new int[] {p, nl + 1});
                p = nl + 1;
            }
            return out;
        }
        int p = text.startsWith("###\n") ? 4 : 0;
        while (p < b.length) {
            int colon = text.indexOf(':', p);
            if (colon <= p || colon - p > 7) {
                break;
            }
            int len;
            try {
                len = Integer.parseInt(text.substring(p, colon));
            } catch (NumberFormatException e) {
                break;
            }
            int end = colon + 1 + len;
            if (len < 0 || end >= b.length || b[end] != ',') {
                break;
            }
            out.add(new int[] {p, end + 1});
            p = end + 1;
        }
        return out;
    }

    private static String describe(Seed origin, String history, byte[] b) {
        return origin.name() + " with" + history + " (" + b.length + " bytes): " + HexFormat.of().formatHex(b,
                0, Math.min(b.length, 2_048)) + (b.length > 2_048 ? "..." : "");
    }

    // ------------------------------------------------------------------------------------------------ seeds

    private static List<Seed> seeds() {
        List<Seed> out = new ArrayList<>();
        for (Golden.Datagram d : Golden.all()) {
            out.add(new Seed("golden " + d, d.bytes, Golden.keys(d.run), Golden.codec(d.run)));
        }
        WireCodec receiver = WireCodec.create(FUZZ_KEYS);
        byte[] uuid1 = UuidBytes.toBytes(UUID.fromString("3380e87b-d520-4c9b-a926-e8edf0ed1c23"));
        byte[] uuid2 = UuidBytes.toBytes(UUID.fromString("cbb58753-fffc-4c43-b8ab-4995deb7c84e"));
        List<HbMessage> messages = messages(uuid1, uuid2);
        for (int index : FUZZ_KEYS.keys().keySet()) {
            WireCodec signer = WireCodec.create(new AuthKeys(index, FUZZ_KEYS.keys()));
            WireCodec noInner = WireCodec.create(new AuthKeys(index, FUZZ_KEYS.keys()),
                    WireOptions.defaults().withInnerAuth(false));
            for (HbMessage m : messages) {
                String what = m.type() + " signed with key " + index;
                out.add(new Seed("karabeat netstring " + what, signer.encode(m), FUZZ_KEYS, receiver));
                out.add(new Seed("karabeat netstring without inner auth " + what, noInner.encode(m), FUZZ_KEYS,
                        receiver));
                boolean classicable = m.fields().stream().allMatch(f -> f.type() <= 1 || f.type() == 3);
                if (classicable) {
                    out.add(new Seed("classic " + what, signer.encodeClassic(m), FUZZ_KEYS, receiver));
                }
            }
        }
        return List.copyOf(out);
    }

    /** One message of every class heartbeat 3.0.6 sends (§5-§9 of the protocol notes), with control fields. */
    private static List<HbMessage> messages(byte[] uuid1, byte[] uuid2) {
        List<HbMessage> out = new ArrayList<>();
        String[][] sequenced = {
            {"status", "st", "init", "dt", "2ee0", "protocol", "1"},
            {"status", "st", "active", "dt", "2710", "protocol", "1"},
            {"starting"},
            {"resource", "rsc_hold", "none", "rtype", "full", "isstable", "0"},
            {"resource", "rsc_hold", "local", "rtype", "full", "isstable", "1", "info", "req_our_resources()"},
            {"resource", "rsc_hold", "none", "rtype", "full", "isstable", "0", "info", "shutdown"},
            {"ip-request-resp", "dest", "hb1", "ipaddr", "IPaddr::192.0.2.200/24/ens160", "weown", "yes", "ok", "OK"},
            {"reqnodes", "dest", "hb2"},
            {"repnodes", "dest", "hb1", "nodelist", "hb1 hb2 ", "delnodelist", " "},
            {"stonith", "node", "hb1", "result", "n_stnth"},
            {"ask_resources", "rsc_hold", "all", "info", "done"},
            {"hb_standby", "info", "me"},
            {"shutdone", "st", "dead"},
            {"client", "text", "a value\nwith a newline and " + "x".repeat(900)},
        };
        long seq = 0x2c;
        for (String[] s : sequenced) {
            HbMessage.Builder b = HbMessage.builder().add("t", s[0]);
            String dest = null;
            for (int i = 1; i < s.length; i += 2) {
                b.add(s[i], s[i + 1]);
                if (s[i].equals("dest")) {
                    dest = s[i + 1];
                }
            }
            ControlFields.Builder cf = control(uuid1).sequence(seq++).load("0.22 0.19 0.08 2/107 16");
            if (dest != null) {
                cf.destination(dest, uuid2);
            }
            out.add(cf.build().stamp(b.build()));
        }
        // binary and list fields beside the strings
        out.add(control(uuid1).sequence(seq++).build().stamp(HbMessage.builder().add("t", "blob")
                .addBinary("data", new byte[] {0, 1, 2, '\n', ',', ':', 0x13, (byte) 0xff, '%', '%', '%', '\n'})
                .add(new HbMessage.Field("list", 3, "a\0b\0".getBytes(StandardCharsets.ISO_8859_1))).build()));
        // the unsequenced control messages
        out.add(control(uuid1).destination("hb2", uuid2).build().stamp(
                HbMessage.builder().add("t", "NS_ackmsg").add("dest", "hb2").add("ackseq", "2a").build()));
        out.add(control(uuid1).destination("hb2", uuid2).build().stamp(HbMessage.builder().add("t", "NS_rexmit")
                .add("dest", "hb2").add("firstseq", "26").add("lastseq", "26").build()));
        out.add(control(uuid1).destination("hb2", uuid2).build().stamp(HbMessage.builder().add("t",
                "NS_nak_rexmit").add("firstseq", "1a").add("dest", "hb2").add("info", "seqno too low").build()));
        return out;
    }

    private static ControlFields.Builder control(byte[] uuid) {
        return ControlFields.builder().source("hb1", uuid).generation(0x6b070d5fL).timestamp(0x6b070d5eL).ttl(3);
    }

    // last, after every other static field: the mutations need them
    static {
        // classes loaded and initialised, code compiled: what the first calls allocate once is not decode's
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 50_000; i++) {
            Seed s = SEEDS.get(i % SEEDS.size());
            byte[] b = i < SEEDS.size() ? s.bytes() : mutate(s.bytes(), random, new StringBuilder());
            s.codec().decode(i % 4 == 0 ? resign(b, s.keys(), random, new StringBuilder()) : b);
        }
    }
}
