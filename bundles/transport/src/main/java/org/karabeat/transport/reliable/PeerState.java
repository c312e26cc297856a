package org.karabeat.transport.reliable;

import java.util.List;

/**
 * A snapshot of what {@link ReliableDelivery} knows of one node's stream (this node's own included).
 *
 * @param node                  the node name
 * @param generation            its generation as last seen (0 before any)
 * @param lastSeq               the highest seq seen in that generation, or -1 before any
 * @param missing               the seqs missing below {@code lastSeq}, ascending
 * @param held                  the seqs accepted but held back behind the first missing one, ascending
 * @param ackTrigger            the residue (mod {@value ReliableConfig#ACK_MSG_DIV}) at which its stream is acked
 * @param ackedOurStream        the highest seq of this node's stream that it acked
 * @param up                    whether retransmission requests are sent to it
 * @param delivered             messages of it accepted (delivered or not for us)
 * @param recovered             missing seqs of it that arrived later
 * @param lost                  seqs of it given up
 * @param rexmitRequested       requests sent to it
 */
public record PeerState(String node, long generation, long lastSeq, List<Long> missing, List<Long> held,
        int ackTrigger, long ackedOurStream, boolean up, long delivered, long recovered, long lost,
        long rexmitRequested) {

    public PeerState {
        missing = List.copyOf(missing);
        held = List.copyOf(held);
    }
}
