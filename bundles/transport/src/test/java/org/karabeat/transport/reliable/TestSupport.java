package org.karabeat.transport.reliable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.karabeat.transport.wire.HbMessage;

/** Message builders, a stand-in encoding, and an event recorder for the reliable-delivery tests. */
final class TestSupport {

    static final String TS = "6b070d5e";

    private TestSupport() {
    }

    /** A sequenced message as heartbeat lays it out: application fields, then src seq hg ts ld ttl. */
    static HbMessage seqd(String src, long gen, long seq, String type, String... appFields) {
        HbMessage.Builder b = HbMessage.builder().add("t", type);
        for (int i = 0; i < appFields.length; i += 2) {
            b.add(appFields[i], appFields[i + 1]);
        }
        return b.add("src", src).add("seq", Long.toHexString(seq)).add("hg", Long.toHexString(gen)).add("ts", TS)
                .add("ld", "0.22 0.19 0.08 2/107 16").add("ttl", "3").build();
    }

    static HbMessage status(String src, long gen, long seq) {
        return seqd(src, gen, seq, "status", "st", "active", "dt", "2710", "protocol", "1");
    }

    /** A control message as the runtime would send it: its own fields, then src hg ts ttl (no seq, no ld). */
    static HbMessage stamp(HbMessage control, String src, long gen) {
        return control.toBuilder().add("src", src).add("hg", Long.toHexString(gen)).add("ts", TS).add("ttl", "3")
                .build();
    }

    static HbMessage rexmitRequest(String from, long gen, String to, String first, String last) {
        return stamp(HbMessage.builder().add("t", "NS_rexmit").add("dest", to).add("firstseq", first)
                .add("lastseq", last).build(), from, gen);
    }

    static HbMessage nak(String from, long gen, String to, String firstHex) {
        return stamp(HbMessage.builder().add("t", "NS_nak_rexmit").add("firstseq", firstHex).add("dest", to)
                .add("info", "seqno too low").build(), from, gen);
    }

    static HbMessage ack(String from, long gen, String to, long ackseq) {
        return stamp(ControlMessages.ack(to, ackseq), from, gen);
    }

    /** A reversible stand-in for the codec: one line per field, {@code type:name=base64(value)}. */
    static byte[] encode(HbMessage m) {
        StringBuilder sb = new StringBuilder();
        for (HbMessage.Field f : m.fields()) {
            sb.append(f.type()).append(':').append(f.name()).append('=')
                    .append(Base64.getEncoder().encodeToString(f.value())).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static HbMessage decode(byte[] bytes) {
        HbMessage.Builder b = HbMessage.builder();
        for (String line : new String(bytes, StandardCharsets.US_ASCII).split("\n")) {
            int colon = line.indexOf(':');
            int eq = line.indexOf('=');
            b.add(new HbMessage.Field(line.substring(colon + 1, eq), Integer.parseInt(line.substring(0, colon)),
                    Base64.getDecoder().decode(line.substring(eq + 1))));
        }
        return b.build();
    }

    static List<Long> ackSeqs(List<HbMessage> sent) {
        List<Long> out = new ArrayList<>();
        for (HbMessage m : sent) {
            if ("NS_ackmsg".equals(m.type())) {
                out.add(Long.parseLong(m.get("ackseq"), 16));
            }
        }
        return out;
    }

    static List<String> names(HbMessage m) {
        List<String> out = new ArrayList<>();
        for (HbMessage.Field f : m.fields()) {
            out.add(f.name());
        }
        return out;
    }

    /** Records each event as one line, heartbeat's wording where it has one. */
    static final class Recorder implements ReliableEvents {
        final List<String> lines = new ArrayList<>();

        @Override
        public void peerRestarted(String node, long previous, long current) {
            lines.add("Heartbeat restart on node " + node);
        }

        @Override
        public void replayDropped(String node, long generation, long currentGeneration) {
            lines.add("attempted replay attack [" + node + "]? [gen = " + generation + ", curgen = "
                    + currentGeneration + "]");
        }

        @Override
        public void packetsMissing(String node, long lastSeq, long seq, long count) {
            lines.add(count + " lost packet(s) for [" + node + "] [" + lastSeq + ":" + seq + "]");
        }

        @Override
        public void lost(String node, long first, long last, LossReason reason) {
            lines.add("lost " + node + " " + first + ".." + last + " " + reason);
        }

        @Override
        public void noneMissing(String node) {
            lines.add("No pkts missing from " + node + "!");
        }

        @Override
        public void nakReceived(String node, long seq, boolean addressedToUs) {
            if (addressedToUs) {
                lines.add("Irretrievably lost packet: node " + node + " seq " + seq);
            } else {
                lines.add("nak for another node: " + node + " seq " + seq);
            }
        }

        @Override
        public void cannotRetransmit(String requester, long seq, String reason) {
            lines.add("Cannot rexmit pkt " + seq + " for " + requester + ": " + reason);
        }

        @Override
        public void rexmitBeyondHighest(String requester, long seq, long highest) {
            lines.add("Rexmit of seq " + seq + " requested. " + highest + " is max.");
        }

        @Override
        public void corruptedAck(String node, long ackseq, long highest) {
            lines.add("corrupted ackseq current hiseq = " + highest + " ackseq =" + ackseq);
        }

        @Override
        public void invalid(String node, String what) {
            lines.add("invalid " + node + ": " + what);
        }

        @Override
        public void flowControlDisabled(String node) {
            lines.add("flow control disabled due to different version heartbeat");
        }

        boolean has(String line) {
            return lines.contains(line);
        }

        long countStartingWith(String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).count();
        }
    }
}
