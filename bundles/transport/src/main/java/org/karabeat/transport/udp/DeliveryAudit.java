package org.karabeat.transport.udp;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.karabeat.transport.reliable.ControlMessages;
import org.karabeat.transport.wire.HbMessage;

/**
 * Checks what the transport hands to the core, just before it does: per peer and generation, each sequenced
 * message must come after the last one handed over, and every seq in between is counted as skipped (a message
 * the core never got). It reads seq and generation from the messages themselves and keeps its own record, so it
 * checks reliable delivery's hold-back rather than repeating it. Single-threaded (the transport's I/O thread).
 *
 * <p>Counters: {@value #DELIVERED} (sequenced messages of peers handed to the core), {@value #OUT_OF_ORDER}
 * (a seq not above the last one of its generation, or a generation older than the last one),
 * {@value #SKIPPED} (the seqs jumped over).
 */
final class DeliveryAudit {

    static final String DELIVERED = "core.delivered";
    static final String OUT_OF_ORDER = "core.out-of-order";
    static final String SKIPPED = "core.skipped";

    /** The last seq handed over of one peer's stream, in its newest generation. */
    private static final class Last {
        long generation;
        long seq;

        Last(long generation, long seq) {
            this.generation = generation;
            this.seq = seq;
        }
    }

    private final RateLimitedLog warnings;
    private final Map<String, Last> last = new HashMap<>();
    private long delivered;
    private long outOfOrder;
    private long skipped;

    DeliveryAudit(RateLimitedLog warnings) {
        this.warnings = warnings;
    }

    /**
     * A message whose turn came: handed to the core when {@code forUs}, passed over when it is addressed to
     * another node (its seq still counts in the sequence). Unsequenced messages are ignored.
     */
    void check(HbMessage m, boolean forUs, long nowMs) {
        long seq = ControlMessages.scanHex(m.get("seq"));
        if (seq <= 0) {
            return;
        }
        long generation = Math.max(0, ControlMessages.scanHex(m.get("hg")));
        String node = m.source();
        if (forUs) {
            delivered++;
        }
        Last l = last.get(node);
        if (l == null || generation > l.generation) {
            // a stream starts wherever it is first seen
            last.put(node, new Last(generation, seq));
            return;
        }
        if (generation < l.generation || seq <= l.seq) {
            outOfOrder++;
            warnings.warn("out-of-order/" + node, nowMs, "Message of " + node + " handed to the core out of order: seq "
                    + seq + " (generation " + generation + ") after seq " + l.seq + " (generation " + l.generation
                    + ")");
            return; // the stream's position stays where it was
        }
        skipped += seq - l.seq - 1;
        l.seq = seq;
    }

    /** The three counters, always present. */
    Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put(DELIVERED, delivered);
        out.put(OUT_OF_ORDER, outOfOrder);
        out.put(SKIPPED, skipped);
        return out;
    }
}
