package org.karabeat.transport.udp;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.karabeat.config.legacy.BcastMedium;
import org.karabeat.config.legacy.McastMedium;
import org.karabeat.config.legacy.Medium;
import org.karabeat.config.legacy.UcastMedium;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;

/**
 * The UDP sockets of a node's media ({@code ucast}, {@code bcast}, {@code mcast} lines). Every outgoing
 * datagram goes out once on each medium, as heartbeat does; every incoming one is handed on with the name of
 * the link it came by (heartbeat names links by interface: "Link hb2:ens160 up.").
 * <p>
 * Sockets are bound to the node's own address where one exists (ucast), so two nodes on one host (a demo
 * on loopback) never receive each other's datagrams; broadcast and multicast need the wildcard address.
 * Handlers never close a socket on a bad datagram: they drop it and go on.
 */
final class MediaLayer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaLayer.class);
    /** The largest UDP payload: nothing larger can arrive, so nothing is ever truncated. */
    static final int MAX_DATAGRAM = 65_507;

    /** A datagram as received: bytes, sender, and the link (interface) it came by. */
    record Inbound(byte[] data, InetSocketAddress sender, String link) {
    }

    /** One configured medium, resolved: where to send, how to recognise what it receives. */
    private record Route(Medium medium, String link, InetSocketAddress target, Channel channel,
            Optional<InterfaceAddress> ifAddress) {

        boolean matches(InetAddress sender) {
            if (medium instanceof UcastMedium) {
                return target.getAddress().equals(sender);
            }
            return ifAddress.map(a -> sameSubnet(a, sender)).orElse(true);
        }
    }

    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Channel> channels = new LinkedHashMap<>();

    /**
     * @param bind the node's own address, to override what the interfaces say (several nodes on one host)
     */
    MediaLayer(EventLoopGroup group, List<Medium> media, Optional<InetAddress> bind, Consumer<Inbound> sink)
            throws IOException {
        // a port that bcast or mcast uses needs a wildcard socket; ucast on that port shares it
        Set<Integer> wildcardPorts = new HashSet<>();
        for (Medium m : media) {
            if (!(m instanceof UcastMedium)) {
                wildcardPorts.add(port(m));
            }
        }
        for (Medium m : media) {
            NetworkInterface nif = NetworkInterface.getByName(m.interfaceName());
            if (nif == null) {
                throw new IOException(describe(m) + ": no network interface " + m.interfaceName() + " on this host");
            }
            Optional<InterfaceAddress> ifAddress = ipv4(nif);
            InetSocketAddress local;
            InetSocketAddress target;
            boolean toSelf = false;
            if (m instanceof UcastMedium u) {
                InetAddress own = bind.or(() -> ifAddress.map(InterfaceAddress::getAddress)).orElseThrow(
                        () -> new IOException(describe(m) + ": interface " + m.interfaceName() + " has no IPv4 address"));
                local = wildcardPorts.contains(u.port()) ? new InetSocketAddress(u.port()) : new InetSocketAddress(own, u.port());
                target = new InetSocketAddress(resolve(u.peer(), m), u.port());
                // one ha.cf shared by both nodes lists a ucast line to each: the one to ourselves is not a link
                toSelf = target.getAddress().equals(own);
            } else if (m instanceof BcastMedium b) {
                InetAddress broadcast = ifAddress.map(InterfaceAddress::getBroadcast).orElseThrow(
                        () -> new IOException(describe(m) + ": interface " + m.interfaceName() + " has no IPv4 broadcast address"));
                local = new InetSocketAddress(b.port());
                target = new InetSocketAddress(broadcast, b.port());
            } else {
                McastMedium mc = (McastMedium) m;
                local = new InetSocketAddress(mc.port());
                target = new InetSocketAddress(resolve(mc.group(), m), mc.port());
            }
            if (toSelf) {
                LOG.info("{}: {} is this node's own address, not used", describe(m), target.getAddress().getHostAddress());
                continue;
            }
            Channel ch = channel(group, local, m, sink);
            if (m instanceof McastMedium mc) {
                DatagramChannel dc = (DatagramChannel) ch;
                dc.config().setNetworkInterface(nif);
                dc.config().setTimeToLive(mc.ttl());
                dc.config().setLoopbackModeDisabled(!mc.loop());
                try {
                    dc.joinGroup(target, nif).sync();
                } catch (Exception e) {
                    throw new IOException(describe(m) + ": cannot join multicast group "
                            + target.getAddress().getHostAddress() + " (" + e.getMessage() + ")", e);
                }
            }
            routes.add(new Route(m, m.interfaceName(), target, ch, ifAddress));
            LOG.info("{}: started on port {} interface {} to {}", m.kind().directive(), target.getPort(),
                    m.interfaceName(), target.getAddress().getHostAddress());
        }
    }

    private static int port(Medium m) {
        if (m instanceof UcastMedium u) {
            return u.port();
        }
        if (m instanceof BcastMedium b) {
            return b.port();
        }
        return ((McastMedium) m).port();
    }

    private Channel channel(EventLoopGroup group, InetSocketAddress local, Medium m, Consumer<Inbound> sink) throws IOException {
        String key = local.toString();
        Channel existing = channels.get(key);
        if (existing != null) {
            return existing;
        }
        boolean wildcard = local.getAddress().isAnyLocalAddress();
        Bootstrap b = new Bootstrap().group(group)
                .channelFactory((ChannelFactory<NioDatagramChannel>) () -> new NioDatagramChannel(InternetProtocolFamily.IPv4))
                .option(ChannelOption.SO_BROADCAST, true)
                // only wildcard sockets share a port (bcast/mcast); an address of our own is ours alone
                .option(ChannelOption.SO_REUSEADDR, wildcard)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM + 1))
                .handler(new Receiver(sink));
        try {
            Channel ch = b.bind(local).sync().channel();
            channels.put(key, ch);
            return ch;
        } catch (Exception e) {
            throw new IOException(describe(m) + ": cannot bind UDP " + local.getAddress().getHostAddress() + ":"
                    + local.getPort() + " (" + e.getMessage() + ")"
                    + (local.getPort() < 1024 ? "; ports below 1024 need root, or set udpport in ha.cf" : ""), e);
        }
    }

    /** The links (interfaces), in medium order, each once. */
    List<String> links() {
        List<String> out = new ArrayList<>();
        routes.forEach(r -> {
            if (!out.contains(r.link())) {
                out.add(r.link());
            }
        });
        return out;
    }

    /** Sends the datagram once on each medium. Safe from any thread. */
    void sendToAll(byte[] datagram) {
        for (Route r : routes) {
            ByteBuf buf = Unpooled.wrappedBuffer(datagram);
            r.channel().writeAndFlush(new DatagramPacket(buf, r.target())).addListener(f -> {
                if (!f.isSuccess()) {
                    LOG.debug("write failure on {} {}: {}", r.medium().kind().directive(), r.link(),
                            f.cause().getMessage());
                }
            });
        }
    }

    private String linkOf(Channel ch, InetAddress sender) {
        for (Route r : routes) {
            if (r.channel() == ch && r.matches(sender)) {
                return r.link();
            }
        }
        for (Route r : routes) {
            if (r.channel() == ch) {
                return r.link();
            }
        }
        return "?";
    }

    @Override
    public void close() {
        for (Channel ch : channels.values()) {
            ch.close().awaitUninterruptibly(2_000);
        }
    }

    private final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Consumer<Inbound> sink;

        Receiver(Consumer<Inbound> sink) {
            this.sink = sink;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            byte[] data = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), data);
            InetSocketAddress sender = packet.sender();
            sink.accept(new Inbound(data, sender, linkOf(ctx.channel(), sender.getAddress())));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // a datagram socket stays open whatever one packet did
            LOG.warn("receive error on {}: {}", ctx.channel().localAddress(), cause.toString());
        }
    }

    private static Optional<InterfaceAddress> ipv4(NetworkInterface nif) {
        for (InterfaceAddress a : nif.getInterfaceAddresses()) {
            if (a.getAddress() instanceof Inet4Address) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private static boolean sameSubnet(InterfaceAddress a, InetAddress other) {
        if (!(other instanceof Inet4Address)) {
            return false;
        }
        int bits = a.getNetworkPrefixLength();
        int mask = bits == 0 ? 0 : -1 << (32 - bits);
        return (toInt(a.getAddress()) & mask) == (toInt(other) & mask);
    }

    private static int toInt(InetAddress a) {
        byte[] b = a.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    private static InetAddress resolve(String host, Medium m) throws IOException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IOException(describe(m) + ": cannot resolve " + host, e);
        }
    }

    static String describe(Medium m) {
        return "ha.cf:" + m.line() + ": " + m.kind().directive() + " " + m.interfaceName();
    }

    static boolean interfaceExists(String name) {
        try {
            return NetworkInterface.getByName(name) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
