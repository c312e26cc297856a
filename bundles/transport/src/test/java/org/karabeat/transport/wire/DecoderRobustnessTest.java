package org.karabeat.transport.wire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.Test;

/** decode never throws, accepts nothing but authentic messages, and allocates in proportion to the datagram. */
public class DecoderRobustnessTest {

    private static final long SEED = 0x6b070d5fL;

    @Test
    public void everyProperPrefixOfARealDatagramIsDropped() {
        for (Golden.Datagram d : Golden.all()) {
            WireCodec codec = Golden.codec(d.run);
            for (int n = 0; n < d.bytes.length; n++) {
                DecodeResult r = codec.decode(d.bytes, 0, n);
                assertFalse(d + " cut at " + n, r.isAccepted());
                assertNotNull(r.dropReason());
            }
        }
    }

    @Test
    public void mutatedRealDatagramsAreNeverAcceptedAsSomethingElse() {
        Random random = new Random(SEED);
        List<Golden.Datagram> all = Golden.all();
        for (int i = 0; i < 150_000; i++) {
            Golden.Datagram d = all.get(random.nextInt(all.size()));
            WireCodec codec = Golden.codec(d.run);
            byte[] mutated = mutate(d.bytes, random);
            DecodeResult r = codec.decode(mutated);
            if (r.isAccepted()) {
                // only harmless changes, such as a leading zero in a length, keep a datagram authentic
                assertEquals(d + " mutated to " + Golden.ascii(mutated), codec.decode(d.bytes).message(),
                        r.message());
            } else {
                assertNotNull(r.dropReason());
            }
        }
    }

    @Test
    public void randomJunkNeverThrows() {
        Random random = new Random(SEED + 1);
        WireCodec codec = Golden.codec("sha1");
        String[] starts = {"", "###\n", ">>>\n", "###\n6:(0)t=a,", ">>>\nt=a\n", "###\n%%%\n", ">>>\n(1)u=",
            ">>>\nt=a\nauth=1 ", "###\n6:(0)t=a,%%%\n42:1 "};
        byte[] alphabet = DropReasonTest.bytes("0123456789:,()=\n%#<>abt \0\u0013+/AQ");
        for (int i = 0; i < 200_000; i++) {
            byte[] start = DropReasonTest.bytes(starts[random.nextInt(starts.length)]);
            byte[] b = Arrays.copyOf(start, start.length + random.nextInt(80));
            boolean structured = random.nextBoolean();
            for (int j = start.length; j < b.length; j++) {
                b[j] = structured ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
            }
            assertNotNull(codec.decode(b).dropReason());
        }
    }

    @Test
    public void decodingAllocatesInProportionToTheDatagram() {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        WireCodec codec = Golden.codec("sha1");
        byte[] status = Golden.capture("sha1").get(40).bytes;
        byte[] forged = status.clone();
        forged[forged.length - 2] ^= 1;
        for (int i = 0; i < 20_000; i++) {
            codec.decode(status);
            codec.decode(forged);
        }
        long accepted = perCall(bean, () -> codec.decode(status));
        long dropped = perCall(bean, () -> codec.decode(forged));
        // a ~300-byte status: its fields (~40 bytes of objects each) and values, plus the digest copies
        String figures = "accepted " + accepted + " B, dropped " + dropped + " B for " + status.length + " B";
        assertFalse(figures, accepted > 8L * status.length + 2048);
        assertFalse(figures, dropped > 2048);
    }

    @Test
    public void aForgedClassicDatagramCostsNoObjectPerField() {
        // 64 KiB of one-letter fields: the digest is checked before a field is built (it used to cost 47 times
        // the datagram: a Field, a value and a name per three bytes, then their classic text, all for a forgery)
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        WireCodec codec = Golden.codec("sha1");
        StringBuilder sb = new StringBuilder(">>>\n");
        while (sb.length() < 65_000) {
            sb.append("a=\n(1)b=QR==\n");
        }
        byte[] forged = DropReasonTest.bytes(sb + "auth=1 " + "0".repeat(40) + "\n<<<\n");
        for (int i = 0; i < 200; i++) {
            assertEquals(DropReason.BAD_DIGEST, codec.decode(forged).dropReason());
        }
        long before = bean.getCurrentThreadAllocatedBytes();
        codec.decode(forged);
        long allocated = bean.getCurrentThreadAllocatedBytes() - before;
        assertFalse(allocated + " B for " + forged.length + " B", allocated > forged.length + 1024L);
    }

    private static long perCall(com.sun.management.ThreadMXBean bean, Runnable r) {
        int n = 10_000;
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            r.run();
        }
        return (bean.getCurrentThreadAllocatedBytes() - before) / n;
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
            int pos = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0:
                    b[pos] = (byte) random.nextInt(256);
                    break;
                case 1:
                    b[pos] ^= (byte) (1 << random.nextInt(8));
                    break;
                case 2: {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, pos);
                    longer[pos] = (byte) "0123456789:,=\n%#"
                            .charAt(random.nextInt(16));
                    System.arraycopy(b, pos, longer, pos + 1, b.length - pos);
                    b = longer;
                    break;
                }
                default: {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, pos);
                    System.arraycopy(b, pos + 1, shorter, pos, b.length - pos - 1);
                    b = shorter;
                }
            }
        }
        return b;
    }
}
