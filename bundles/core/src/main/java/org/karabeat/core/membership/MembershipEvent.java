package org.karabeat.core.membership;

/**
 * What the membership decided, for the core to act on: log lines in heartbeat's words, state changes to
 * publish, messages to send. Produced by {@link Membership}; the core only carries them out.
 */
public sealed interface MembershipEvent {

    /** Heartbeat's log priorities used by membership. */
    enum Level {
        CRIT, ERROR, WARN, INFO, DEBUG
    }

    /** A log line, worded as heartbeat words it (administrators grep for these). */
    record Log(Level level, String text) implements MembershipEvent {
    }

    /** A node's membership state changed. */
    record NodeChanged(String node, String from, String to) implements MembershipEvent {
    }

    /** A link (one medium to one peer) went up or dead. */
    record LinkChanged(String node, String medium, boolean up) implements MembershipEvent {
    }

    /** Send {@code t=reqnodes dest=node}: the handshake that brings communication up. */
    record SendReqnodes(String node) implements MembershipEvent {
    }

    /** Send {@code t=repnodes dest=node nodelist=...}. */
    record SendRepnodes(String node) implements MembershipEvent {
    }

    /** Our own status changed: send a status message now, not at the next keepalive. */
    record SendStatus() implements MembershipEvent {
    }

    /** Communication with the cluster is up (all nodes heard or dead and the handshake done). */
    record CommUp() implements MembershipEvent {
    }
}
