package org.karabeat.transport.wire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.junit.Test;

/** Each drop reason, from tampered real datagrams and from crafted ones. */
public class DropReasonTest {

    private static final WireCodec SHA1 = Golden.codec("sha1");

    /** A real status from hb1 (sha1, index 1). */
    private static byte[] status() {
        return Golden.capture("sha1").get(0).bytes.clone();
    }

    @Test
    public void aWrongKeyIsABadDigest() {
        WireCodec other = WireCodec.create(Golden.keys("auth 1", "1 sha1 another-key"));
        assertDrop(DropReason.BAD_DIGEST, "hb1", other.decode(status()));
    }

    @Test
    public void aFlippedByteInTheTrailerIsABadDigest() {
        byte[] b = status();
        b[b.length - 2] ^= 0x01; // last hex digit of the trailer digest
        assertDrop(DropReason.BAD_DIGEST, "hb1", SHA1.decode(b));
    }

    @Test
    public void everyMethodDropsAFlippedTrailerByteAndMd5AWrongKey() {
        for (String run : Golden.RUNS) {
            byte[] b = Golden.capture(run).get(5).bytes.clone();
            b[b.length - 2] = (byte) (b[b.length - 2] == '0' ? '1' : '0');
            assertEquals(run, DropReason.BAD_DIGEST, Golden.codec(run).decode(b).dropReason());
        }
        WireCodec wrongMd5 = WireCodec.create(Golden.keys("auth 2", "2 md5 not-the-md5-key"));
        assertDrop(DropReason.BAD_DIGEST, "hb1", wrongMd5.decode(Golden.capture("md5").get(0).bytes));
    }

    @Test
    public void aFlippedByteInTheBodyIsABadDigest() {
        byte[] b = status();
        int st = Golden.ascii(b).indexOf("st=init") + 3;
        b[st] = 'I';
        assertDrop(DropReason.BAD_DIGEST, "hb1", SHA1.decode(b));
    }

    @Test
    public void aWrongMethodUnderTheSameIndexIsDropped() {
        WireCodec md5AtIndex1 = WireCodec.create(Golden.keys("auth 1", "1 md5 karabeat-lab-key"));
        assertDrop(DropReason.WRONG_METHOD, "hb1", md5AtIndex1.decode(status()));
        WireCodec crcAtIndex1 = WireCodec.create(Golden.keys("auth 1", "1 crc"));
        assertDrop(DropReason.WRONG_METHOD, "hb1", crcAtIndex1.decode(status()));
        // and the other way round: a real md5 datagram (index 2) where index 2 is sha1
        WireCodec sha1AtIndex2 = WireCodec.create(Golden.keys("auth 2", "2 sha1 karabeat-lab-md5-key"));
        assertDrop(DropReason.WRONG_METHOD, "hb1", sha1AtIndex2.decode(Golden.capture("md5").get(0).bytes));
    }

    @Test
    public void anIndexNotInAuthkeysIsUnknown() {
        WireCodec onlyIndex2 = WireCodec.create(Golden.keys("auth 2", "2 sha1 karabeat-lab-key"));
        assertDrop(DropReason.UNKNOWN_KEY_INDEX, "hb1", onlyIndex2.decode(status()));
        assertDrop(DropReason.UNKNOWN_KEY_INDEX, "hb1", SHA1.decode(withTrailer(status(), "16 " + "0".repeat(40))));
        assertDrop(DropReason.UNKNOWN_KEY_INDEX, "hb1", SHA1.decode(withTrailer(status(), "123456789 ab")));
    }

    @Test
    public void aMessageSignedWithAnyListedKeyIsAccepted() {
        // the md5 run's authkeys also lists the sha1 key as index 1: a sha1 datagram is accepted with index 1
        DecodeResult r = Golden.codec("md5").decode(status());
        assertTrue(r.toString(), r.isAccepted());
        assertEquals(1, r.keyIndex());
    }

    @Test
    public void theInnerAuthFieldIsNotCheckedInTheNetstringForm() {
        byte[] b = status();
        String text = Golden.ascii(b);
        int inner = text.indexOf("(0)auth=1 ") + "(0)auth=1 ".length();
        b[inner] = (byte) (b[inner] == '0' ? '1' : '0');
        DecodeResult r = SHA1.decode(resigned(b, "sha1"));
        assertTrue(r.toString(), r.isAccepted());
        assertEquals(text.substring(inner - 2, inner + 40).substring(0, 2), r.message().get("auth").substring(0, 2));
        // and a datagram without an inner auth field at all
        byte[] none = WireCodec.create(Golden.keys("sha1"), WireOptions.defaults().withInnerAuth(false))
                .encode(SHA1.decode(status()).message());
        assertFalse(Golden.ascii(none).contains("auth="));
        assertTrue(SHA1.decode(none).isAccepted());
    }

    @Test
    public void withoutTrailerThereIsNoAuthentication() {
        byte[] b = status();
        int end = Golden.ascii(b).indexOf("%%%\n") + 4;
        assertDrop(DropReason.NO_AUTHENTICATION, "hb1", SHA1.decode(Arrays.copyOf(b, end)));
        byte[] withNul = Arrays.copyOf(b, end + 1);
        withNul[end] = 0;
        assertDrop(DropReason.NO_AUTHENTICATION, "hb1", SHA1.decode(withNul));
    }

    @Test
    public void aTrailerThatIsNotIndexSpaceDigestIsMalformed() {
        for (String t : new String[] {"1", "1 ", " 1 abc", "x abc", "1  abc", "1\tabc", "1 ab c"}) {
            assertDrop(DropReason.BAD_AUTH_FORMAT, "hb1", SHA1.decode(withTrailer(status(), t)));
        }
    }

    @Test
    public void anUppercaseDigestDoesNotMatchAsHeartbeatsStrcmp() {
        byte[] b = status();
        String text = Golden.ascii(b);
        String digest = text.substring(text.lastIndexOf(' ') + 1, text.length() - 1);
        assertDrop(DropReason.BAD_DIGEST, "hb1", SHA1.decode(withTrailer(b, "1 " + digest.toUpperCase())));
        DecodeResult same = SHA1.decode(withTrailer(b, "1 " + digest));
        assertTrue(same.isAccepted());
    }

    @Test
    public void bytesAfterTheTrailerAreGarbageButOneNulIsAllowed() {
        byte[] b = status();
        byte[] nul = Arrays.copyOf(b, b.length + 1);
        assertTrue(SHA1.decode(nul).isAccepted());
        byte[] two = Arrays.copyOf(b, b.length + 2);
        assertDrop(DropReason.TRAILING_GARBAGE, "hb1", SHA1.decode(two));
        byte[] junk = Arrays.copyOf(b, b.length + 1);
        junk[b.length] = 'x';
        assertDrop(DropReason.TRAILING_GARBAGE, "hb1", SHA1.decode(junk));
    }

    @Test
    public void structuralDrops() {
        assertBare(DropReason.EMPTY, SHA1.decode(new byte[0]));
        assertBare(DropReason.UNKNOWN_FORMAT, SHA1.decode(bytes("hello, world")));
        assertBare(DropReason.UNKNOWN_FORMAT, SHA1.decode(bytes("##x\n")));
        assertBare(DropReason.TRUNCATED, SHA1.decode(bytes("##")));
        assertBare(DropReason.TRUNCATED, SHA1.decode(bytes(">>")));
        assertDrop(DropReason.TRUNCATED, null, SHA1.decode(bytes("###\n")));
        assertDrop(DropReason.TRUNCATED, null, SHA1.decode(bytes("###\n11:(0)t=stat")));
        assertDrop(DropReason.TRUNCATED, null, SHA1.decode(bytes("###\n11:(0)t=status")));
        assertDrop(DropReason.TRUNCATED, null, SHA1.decode(bytes("###\n10")));
        assertDrop(DropReason.TRUNCATED, null, SHA1.decode(bytes("###\n" + ns("(0)t=a"))));
        assertDrop(DropReason.TRUNCATED, null, SHA1.decode(bytes("###\n" + ns("(0)t=a") + "%%%")));
        assertDrop(DropReason.BAD_NETSTRING_LENGTH, null, SHA1.decode(bytes("###\nx:(0)t=a,%%%\n")));
        assertDrop(DropReason.BAD_NETSTRING_LENGTH, null, SHA1.decode(bytes("###\n6 :(0)t=a,%%%\n")));
        assertDrop(DropReason.BAD_NETSTRING_LENGTH, null, SHA1.decode(bytes("###\n5:(0)t=a,%%%\n")));
        assertDrop(DropReason.BAD_NETSTRING_LENGTH, null, SHA1.decode(bytes("###\n7:(0)t=a,%%%\n")));
        assertDrop(DropReason.BAD_NETSTRING_LENGTH, null, SHA1.decode(bytes("###\n12345678:(0)t=a,%%%\n")));
        assertDrop(DropReason.BAD_NETSTRING_LENGTH, "hb1", SHA1.decode(bytes("###\n" + ns("(0)src=hb1")
                + "%%%\n3:1 ab,")));
        for (String field : new String[] {"(0)t-a", "(0)=a", "(6)t=a", "[0]t=a", "t=a", "(0)t=a\0", "(0)(t=a",
            "(0)t\n=a", "(0)", "(0t=a", "(x)t=a"}) {
            assertDrop(DropReason.MALFORMED_FIELD, null, SHA1.decode(bytes("###\n" + ns(field) + "%%%\n")));
        }
        assertDrop(DropReason.OVERSIZE, null, SHA1.decode(new byte[WireCodec.MAX_DATAGRAM_SIZE + 1]));
    }

    @Test
    public void theClaimedSourceIsReportedWhenItWasReadBeforeTheFault() {
        assertDrop(DropReason.TRUNCATED, "hb9",
                SHA1.decode(bytes("###\n" + ns("(0)t=status") + ns("(0)src=hb9") + "8:(0)seq=1")));
        assertDrop(DropReason.MALFORMED_FIELD, null,
                SHA1.decode(bytes("###\n" + ns("(0)t-a") + ns("(0)src=hb9") + "%%%\n")));
        assertDrop(DropReason.NO_AUTHENTICATION, "hb9",
                SHA1.decode(bytes("###\n" + ns("(0)t=a") + ns("(0)src=hb9") + "%%%\n")));
    }

    @Test
    public void aSmallerMaximumDropsLargerDatagrams() {
        WireCodec small = WireCodec.create(Golden.keys("sha1"), WireOptions.defaults().withMaxDatagramSize(300));
        byte[] b = status();
        assertTrue(b.length > 300);
        assertBare(DropReason.OVERSIZE, small.decode(b));
        assertTrue(SHA1.decode(b).isAccepted());
    }

    @Test
    public void everyReasonHasAShortDescription() {
        Set<DropReason> all = EnumSet.allOf(DropReason.class);
        for (DropReason r : all) {
            assertFalse(r.description().isEmpty());
        }
    }

    /** The datagram with its trailer computed again with the run's active key, after a change to the body. */
    static byte[] resigned(byte[] datagram, String run) {
        String text = Golden.ascii(datagram);
        int end = text.indexOf("%%%\n") + 4;
        byte[] auth = new Authenticator(Golden.keys(run)).sign(datagram, 0, end);
        return withTrailer(datagram, Golden.ascii(auth));
    }

    /** Replaces the trailer's content by {@code content}, keeping the netstring framing right. */
    static byte[] withTrailer(byte[] datagram, String content) {
        String text = Golden.ascii(datagram);
        int end = text.indexOf("%%%\n") + 4;
        return bytes(text.substring(0, end) + content.length() + ":" + content + ",");
    }

    /** {@code <len>:<content>,}. */
    static String ns(String content) {
        return bytes(content).length + ":" + content + ",";
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static void assertDrop(DropReason reason, String src, DecodeResult r) {
        assertFalse(r.toString(), r.isAccepted());
        assertEquals(r.toString(), reason, r.dropReason());
        assertEquals(r.toString(), Optional.ofNullable(src), r.claimedSource());
        assertEquals(-1, r.keyIndex());
    }

    private static void assertBare(DropReason reason, DecodeResult r) {
        assertDrop(reason, null, r);
        assertEquals(Optional.empty(), r.form());
    }
}
