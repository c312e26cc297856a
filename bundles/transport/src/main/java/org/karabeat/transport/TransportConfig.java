package org.karabeat.transport;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.karabeat.config.legacy.AuthKeys;
import org.karabeat.config.legacy.HaCf;
import org.karabeat.config.legacy.LegacyConfig;
import org.karabeat.config.legacy.Medium;

/**
 * Everything the transport needs, from {@code ha.cf}, {@code authkeys} and the node's own settings.
 *
 * @param localNode        this node's name (as in {@code ha.cf})
 * @param nodes            every node of {@code ha.cf}; messages from any other name are dropped
 * @param media            the {@code ucast}/{@code bcast}/{@code mcast} lines
 * @param authKeys         the keys; the active one signs, any listed one is accepted
 * @param bindAddress      the node's own address for {@code ucast} sockets, when the interface's first address
 *                         is not it (several nodes on one host)
 * @param stateDirectory   where {@code hb_uuid} and {@code hb_generation} live ({@code /var/lib/heartbeat})
 * @param hopfudge         {@code ha.cf}'s hopfudge: {@code ttl} is the node count plus this
 * @param uuidFromNodename {@code ha.cf}'s uuidfrom nodename: the uuid is derived from the node name
 * @param timeBasedGeneration {@code ha.cf}'s {@code gen_method}: the generation is the time, not the last one + 1
 * @param maxRexmitDelay   the longest a retransmission request waits ({@code max_rexmit_delay})
 * @param deadtime         {@code ha.cf}'s deadtime: messages wait at most half of it behind a missing one
 * @param ioThreadStart    run first on each I/O thread of the transport, before it does anything else: lets
 *                         the core raise the thread's scheduling priority ({@code ha.cf}'s realtime) without
 *                         the transport knowing how; an exception it throws is logged and ignored
 * @since 1.2
 */
public record TransportConfig(String localNode, List<String> nodes, List<Medium> media, AuthKeys authKeys,
        Optional<InetAddress> bindAddress, Path stateDirectory, int hopfudge, boolean uuidFromNodename,
        boolean timeBasedGeneration, Duration maxRexmitDelay, Duration deadtime, Runnable ioThreadStart) {

    private static final Runnable NOTHING = () -> { };

    /** Heartbeat's own state directory. */
    public static final Path CLASSIC_STATE_DIRECTORY = Path.of("/var/lib/heartbeat");

    public TransportConfig {
        Objects.requireNonNull(localNode, "localNode");
        nodes = List.copyOf(nodes);
        media = List.copyOf(media);
        Objects.requireNonNull(authKeys, "authKeys");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(maxRexmitDelay, "maxRexmitDelay");
        Objects.requireNonNull(deadtime, "deadtime");
        Objects.requireNonNull(ioThreadStart, "ioThreadStart");
    }

    /** As before 1.2: nothing special on the I/O threads. */
    public TransportConfig(String localNode, List<String> nodes, List<Medium> media, AuthKeys authKeys,
            Optional<InetAddress> bindAddress, Path stateDirectory, int hopfudge, boolean uuidFromNodename,
            boolean timeBasedGeneration, Duration maxRexmitDelay, Duration deadtime) {
        this(localNode, nodes, media, authKeys, bindAddress, stateDirectory, hopfudge, uuidFromNodename,
                timeBasedGeneration, maxRexmitDelay, deadtime, NOTHING);
    }

    /** The transport of {@code node} as the classic files describe it, state in {@code /var/lib/heartbeat}. */
    public static TransportConfig of(LegacyConfig config, String node) {
        HaCf ha = config.haCf();
        return new TransportConfig(node, ha.nodes(), ha.media(), config.authKeys(), Optional.empty(),
                CLASSIC_STATE_DIRECTORY, ha.hopfudge(), ha.uuidFromNodename(), ha.timeBasedGeneration(),
                ha.maxRexmitDelay(), ha.deadtime());
    }

    public TransportConfig withBindAddress(Optional<InetAddress> address) {
        return new TransportConfig(localNode, nodes, media, authKeys, address, stateDirectory, hopfudge,
                uuidFromNodename, timeBasedGeneration, maxRexmitDelay, deadtime, ioThreadStart);
    }

    public TransportConfig withStateDirectory(Path directory) {
        return new TransportConfig(localNode, nodes, media, authKeys, bindAddress, directory, hopfudge,
                uuidFromNodename, timeBasedGeneration, maxRexmitDelay, deadtime, ioThreadStart);
    }

    /** The same, with {@code hook} run first on each of the transport's I/O threads. */
    public TransportConfig withIoThreadStart(Runnable hook) {
        return new TransportConfig(localNode, nodes, media, authKeys, bindAddress, stateDirectory, hopfudge,
                uuidFromNodename, timeBasedGeneration, maxRexmitDelay, deadtime, hook);
    }

    /** The {@code ttl} field of outgoing messages, as heartbeat computes it. */
    public int ttl() {
        return nodes.size() + hopfudge;
    }
}
