package org.karabeat.transport.wire;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.karabeat.transport.wire.DropReasonTest.assertDrop;
import static org.karabeat.transport.wire.DropReasonTest.bytes;

import java.util.Arrays;

import org.junit.Test;

/** The classic form: what 3.0.6 accepts but never sends; its auth field is checked. */
public class ClassicFormTest {

    private static final WireCodec SHA1 = Golden.codec("sha1");

    private static HbMessage realStatus() {
        return SHA1.decode(Golden.capture("sha1").get(0).bytes).message();
    }

    @Test
    public void aClassicMessageRoundTrips() {
        HbMessage m = realStatus().without(FieldNames.AUTH);
        byte[] classic = SHA1.encodeClassic(m);
        String text = Golden.ascii(classic);
        assertTrue(text, text.startsWith(">>>\nt=status\nst=init\n"));
        assertTrue(text, text.contains("\n(1)srcuuid=I42eK4UMQeSvRi6JX0Fs+g==\n"));
        assertTrue(text, text.endsWith("\nauth=1 " + text.substring(text.indexOf("auth=1 ") + 7, text.length() - 5)
                + "\n<<<\n"));
        DecodeResult r = SHA1.decode(classic);
        assertTrue(r.toString(), r.isAccepted());
        assertEquals(WireForm.CLASSIC, r.form().orElseThrow());
        assertEquals(1, r.keyIndex());
        assertEquals(m.fields(), r.message().without(FieldNames.AUTH).fields());
        assertArrayEquals(m.getBytes("srcuuid"), r.message().getBytes("srcuuid"));
    }

    @Test
    public void theClassicAuthIsTheNetstringInnerAuth() {
        // heartbeat computes both over the same text: the classic form of the other fields
        for (Golden.Datagram d : Golden.capture("sha1")) {
            HbMessage m = SHA1.decode(d.bytes).message();
            String classic = Golden.ascii(SHA1.encodeClassic(m));
            assertTrue(d.toString(), classic.endsWith("\nauth=" + m.get(FieldNames.AUTH) + "\n<<<\n"));
        }
    }

    @Test
    public void aCorruptedAuthIsDropped() {
        byte[] b = SHA1.encodeClassic(realStatus());
        int i = Golden.ascii(b).indexOf("auth=1 ") + 7;
        b[i] = (byte) (b[i] == 'a' ? 'b' : 'a');
        assertDrop(DropReason.BAD_DIGEST, "hb1", SHA1.decode(b));
    }

    @Test
    public void aChangedFieldIsDropped() {
        byte[] b = SHA1.encodeClassic(realStatus());
        int i = Golden.ascii(b).indexOf("st=init") + 3;
        b[i] = 'I';
        assertDrop(DropReason.BAD_DIGEST, "hb1", SHA1.decode(b));
    }

    @Test
    public void withoutAuthFieldThereIsNoAuthentication() {
        assertDrop(DropReason.NO_AUTHENTICATION, "hb1", SHA1.decode(bytes(">>>\nt=status\nsrc=hb1\n<<<\n")));
    }

    @Test
    public void aNewlineInAValueTravelsAsByte19() {
        HbMessage m = HbMessage.builder().add("t", "x").add("info", "two\nlines").build();
        byte[] b = SHA1.encodeClassic(m);
        assertTrue(Golden.ascii(b).contains("info=two\u0013lines\n"));
        assertEquals("two\nlines", SHA1.decode(b).message().get("info"));
    }

    @Test
    public void emptyLinesAndOneTrailingNulAreAccepted() {
        byte[] b = SHA1.encodeClassic(realStatus());
        String text = Golden.ascii(b).replace("\nst=init\n", "\n\n\nst=init\n");
        assertTrue(SHA1.decode(bytes(text)).isAccepted());
        assertTrue(SHA1.decode(Arrays.copyOf(b, b.length + 1)).isAccepted());
        assertDrop(DropReason.TRAILING_GARBAGE, "hb1", SHA1.decode(Arrays.copyOf(b, b.length + 2)));
    }

    @Test
    public void malformedClassicFields() {
        String auth = "auth=1 " + "0".repeat(40) + "\n";
        for (String line : new String[] {"novalue", "=x", "(0)t=x", "(1)srcuuid=not base64!", "(1)u=QUJD=",
            "(1)u=QQ", "(7)t=x", "(1)=x", "(1t=x", "(1)(t=x", "t=a\0b"}) {
            DecodeResult r = SHA1.decode(bytes(">>>\n" + line + "\n" + auth + "<<<\n"));
            assertDrop(DropReason.MALFORMED_FIELD, null, r);
        }
        for (String line : new String[] {"(2)s=x", "(4)c=x", "(5)u=x"}) {
            assertDrop(DropReason.UNSUPPORTED_FIELD_TYPE, null,
                    SHA1.decode(bytes(">>>\n" + line + "\n" + auth + "<<<\n")));
        }
        assertDrop(DropReason.TRUNCATED, null, SHA1.decode(bytes(">>>\nt=x\n")));
        assertDrop(DropReason.TRUNCATED, null, SHA1.decode(bytes(">>>\nt=x")));
        assertDrop(DropReason.TRUNCATED, null, SHA1.decode(bytes(">>>\nt=x\n<<<")));
    }

    @Test
    public void theLastAuthFieldCountsAsInHeartbeat() {
        byte[] b = SHA1.encodeClassic(realStatus());
        String text = Golden.ascii(b);
        String withBogusFirst = text.replace(">>>\nt=status\n", ">>>\nauth=1 " + "0".repeat(40) + "\nt=status\n");
        assertTrue(SHA1.decode(bytes(withBogusFirst)).isAccepted());
    }
}
