package org.karabeat.transport.wire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.karabeat.config.legacy.AuthKey;
import org.karabeat.config.legacy.AuthKeys;
import org.karabeat.config.legacy.AuthMethod;

/** The datagrams captured from real heartbeat 3.0.6 nodes (see golden/README.md) and the keys they used. */
final class Golden {

    /** Runs of lab/capture-golden.sh, one per authentication method. */
    static final String[] RUNS = {"sha1", "md5", "crc"};

    /** One captured datagram. */
    static final class Datagram {
        final String run;
        final int line;
        final String sourceAddress;
        final byte[] bytes;

        Datagram(String run, int line, String sourceAddress, byte[] bytes) {
            this.run = run;
            this.line = line;
            this.sourceAddress = sourceAddress;
            this.bytes = bytes;
        }

        /** hb1 is 192.0.2.1, hb2 is 192.0.2.2 in the lab. */
        String sender() {
            return sourceAddress.equals("192.0.2.1") ? "hb1" : "hb2";
        }

        @Override
        public String toString() {
            return run + "/capture.txt line " + line + " from " + sender();
        }
    }

    private Golden() {
    }

    static List<Datagram> capture(String run) {
        List<Datagram> out = new ArrayList<>();
        int n = 0;
        for (String line : lines("golden/" + run + "/capture.txt")) {
            n++;
            String[] parts = line.split(" ");
            out.add(new Datagram(run, n, parts[1], HexFormat.of().parseHex(parts[2])));
        }
        return out;
    }

    static List<Datagram> all() {
        List<Datagram> out = new ArrayList<>();
        for (String run : RUNS) {
            out.addAll(capture(run));
        }
        return out;
    }

    /** The authkeys file of a run, read the simple way (the lab files have no comments). */
    static AuthKeys keys(String run) {
        return parseKeys(lines("golden/" + run + "/authkeys"));
    }

    static AuthKeys parseKeys(List<String> lines) {
        int active = -1;
        Map<Integer, AuthKey> keys = new HashMap<>();
        for (String line : lines) {
            String[] w = line.trim().split("\\s+");
            if (w[0].equals("auth")) {
                active = Integer.parseInt(w[1]);
            } else {
                int index = Integer.parseInt(w[0]);
                AuthMethod method = AuthMethod.fromFileName(w[1]).orElseThrow();
                keys.put(index, new AuthKey(index, method, w.length > 2 ? w[2] : "", 0));
            }
        }
        return new AuthKeys(active, keys);
    }

    /** Keys given inline: {@code keys("auth 1", "1 sha1 secret")}. */
    static AuthKeys keys(String... lines) {
        return parseKeys(List.of(lines));
    }

    /** The codec a run's nodes used. */
    static WireCodec codec(String run) {
        return WireCodec.create(keys(run));
    }

    /** name -> datagram of protocol-doc-section11.txt. */
    static Map<String, byte[]> docSamples() {
        Map<String, byte[]> out = new HashMap<>();
        for (String line : lines("golden/protocol-doc-section11.txt")) {
            String[] parts = line.split(" ");
            out.put(parts[0], HexFormat.of().parseHex(parts[1]));
        }
        return out;
    }

    static List<String> lines(String resource) {
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            List<String> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null;) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
