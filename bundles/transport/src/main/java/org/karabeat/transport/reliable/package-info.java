/**
 * Heartbeat 3.0.6's reliable delivery as pure logic: per-node sequence tracking (generation, last seq, missing
 * seqs), duplicate and replay dropping, retransmission requests ({@code NS_rexmit}) on heartbeat's timing, the
 * transmit history that answers them byte for byte or with {@code NS_nak_rexmit}, and the {@code NS_ackmsg}
 * cadence. No threads, sockets or clock: see {@link org.karabeat.transport.reliable.ReliableDelivery}. Internal to
 * the transport bundle.
 */
package org.karabeat.transport.reliable;
