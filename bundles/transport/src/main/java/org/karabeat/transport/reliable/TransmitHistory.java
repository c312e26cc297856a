package org.karabeat.transport.reliable;

/**
 * The last {@code capacity} sequenced messages this node sent, as encoded, so that a retransmission is byte for
 * byte the original (heartbeat's {@code struct msg_xmit_hist}, include/heartbeat.h:356-364, filled by
 * add2_xmit_hist, heartbeat.c:6214-6268). A ring indexed by seq: seq {@code s} lives in slot
 * {@code s % capacity} until seq {@code s + capacity} replaces it. Not thread-safe.
 */
final class TransmitHistory {

    private static final long NEVER = Long.MIN_VALUE;

    private final int capacity;
    private final long[] seqs;
    private final byte[][] encoded;
    private final long[] lastRexmit;
    private long hiSeq;

    TransmitHistory(int capacity) {
        this.capacity = capacity;
        this.seqs = new long[capacity];
        this.encoded = new byte[capacity][];
        this.lastRexmit = new long[capacity];
    }

    /** Keeps {@code bytes} (not copied) as seq {@code seq}; a seq is normally added once, in increasing order. */
    void add(long seq, byte[] bytes) {
        int slot = slot(seq);
        seqs[slot] = seq;
        encoded[slot] = bytes;
        lastRexmit[slot] = NEVER;
        if (seq > hiSeq) {
            hiSeq = seq;
        }
    }

    /** The highest seq sent (heartbeat's {@code hist->hiseq}); 0 before the first. */
    long hiSeq() {
        return hiSeq;
    }

    /**
     * One less than the lowest seq that can still be in the history (heartbeat's {@code hist->lowseq}, "one less
     * than min actually present"): a request at or below it is NAKed "seqno too low".
     */
    long lowSeq() {
        return Math.max(0, hiSeq - capacity);
    }

    /** The encoded message {@code seq}, or null when it is not (or no longer) here. */
    byte[] get(long seq) {
        if (seq <= lowSeq() || seq > hiSeq) {
            return null;
        }
        int slot = slot(seq);
        return seqs[slot] == seq ? encoded[slot] : null;
    }

    /**
     * True when {@code seq} was retransmitted less than {@code windowMillis} before {@code now} (process_rexmit's
     * "We resend a packet unless it has been re-sent in the last REXMIT_MS milliseconds", heartbeat.c:6372-6383).
     */
    boolean resentWithin(long seq, long now, long windowMillis) {
        long last = lastRexmit[slot(seq)];
        return last != NEVER && now - last < windowMillis;
    }

    void markResent(long seq, long now) {
        lastRexmit[slot(seq)] = now;
    }

    private int slot(long seq) {
        return (int) Math.floorMod(seq, (long) capacity);
    }
}
