package org.karabeat.transport.identity;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.Test;

/** {@code uuidfrom nodename}: checked against glibc (a C program calling srand/rand) and the real daemon. */
public class NameBasedUuidTest {

    @Test
    public void theRealDaemonSentThisUuidForHb2WithUuidfromNodename() throws IOException {
        // the crc run of lab/capture-golden.sh: hb2 had "uuidfrom nodename"
        String first = firstLineFrom("192.0.2.2", "/org/karabeat/transport/wire/golden/crc/capture.txt");
        byte[] datagram = HexFormat.of().parseHex(first);
        String text = new String(datagram, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("(1)srcuuid=") + "(1)srcuuid=".length();
        byte[] sent = java.util.Arrays.copyOfRange(datagram, at, at + 16);
        assertEquals(UUID.fromString("043dd56c-9847-03e7-0cb7-916963d50101"), UuidBytes.fromBytes(sent));
        assertEquals(UuidBytes.fromBytes(sent), NameBasedUuid.of("hb2"));
    }

    @Test
    public void glibcVectors() {
        assertEquals("f59b568c-d979-6fcc-4f1c-c7725426b90a", NameBasedUuid.of("hb1").toString());
        assertEquals("90b8de77-08c8-7a6c-fef1-993a43051dba", NameBasedUuid.of("node1").toString());
        assertEquals("f3727cf5-aae8-2f22-b5f6-03e93235dadc", NameBasedUuid.of("node2").toString());
        assertEquals("e44c7868-10c2-3db7-763c-3b17dc88f2ed", NameBasedUuid.of("a").toString());
        // hash 0: srand(0) is srand(1)
        assertEquals("76931fac-9dab-2b36-c248-b87d6ae33f9a", NameBasedUuid.of("").toString());
        // negative hash (seed above 2^31 as unsigned)
        assertEquals("be0fca67-cbe7-af69-7c15-c221f2fc9425",
                NameBasedUuid.of("very-long-cluster-node-name.example.org").toString());
        // bytes above 0x7f count as negative C chars
        assertEquals("515886d1-b6e6-a112-700b-a508f00a831d", NameBasedUuid.of("nödé-ü").toString());
    }

    @Test
    public void theHashIsHeartbeatsStringHash() {
        assertEquals(103032, NameBasedUuid.hash("hb2".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-349831493,
                NameBasedUuid.hash("very-long-cluster-node-name.example.org".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1364523485, NameBasedUuid.hash("nödé-ü".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    public void glibcRandMatchesGlibc() {
        GlibcRandom r = new GlibcRandom(12345);
        int[] expected = {383100999, 858300821, 357768173, 455528251, 133005921};
        for (int e : expected) {
            assertEquals(e, r.next());
        }
        GlibcRandom zero = new GlibcRandom(0);
        assertEquals(1804289383, zero.next());
        assertEquals(846930886, zero.next());
        GlibcRandom negative = new GlibcRandom(-5);
        assertEquals(1469203335, negative.next());
        assertEquals(1952330421, negative.next());
        assertEquals(2063378439, negative.next());
    }

    private static String firstLineFrom(String address, String resource) throws IOException {
        try (InputStream in = NameBasedUuidTest.class.getResourceAsStream(resource)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                String[] parts = line.split(" ");
                if (parts[1].equals(address)) {
                    return parts[2];
                }
            }
        }
        throw new AssertionError("no datagram from " + address);
    }
}
