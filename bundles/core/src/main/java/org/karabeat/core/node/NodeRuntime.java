package org.karabeat.core.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.karabeat.api.ClusterEvent;
import org.karabeat.api.ClusterEventListener;
import org.karabeat.api.ClusterService;
import org.karabeat.api.ClusterStatus;
import org.karabeat.api.ConfigFinding;
import org.karabeat.api.NodeState;
import org.karabeat.api.NodeStatus;
import org.karabeat.api.OperationResult;
import org.karabeat.api.ResourceGroupStatus;
import org.karabeat.api.ResourceOperation;
import org.karabeat.api.ResourceState;
import org.karabeat.api.ResourceStatus;
import org.karabeat.config.legacy.ConfigLocation;
import org.karabeat.config.legacy.ConfigLocator;
import org.karabeat.config.legacy.HaCf;
import org.karabeat.config.legacy.LegacyConfig;
import org.karabeat.config.legacy.LegacyConfigLoader;
import org.karabeat.config.legacy.LoadOptions;
import org.karabeat.config.legacy.LoadResult;
import org.karabeat.config.legacy.NodeName;
import org.karabeat.config.legacy.ResourceGroup;
import org.karabeat.config.legacy.ResourceSpec;
import org.karabeat.core.agents.AgentBindings;
import org.karabeat.core.agents.AgentRegistry;
import org.karabeat.core.events.EventDispatcher;
import org.karabeat.core.log.HeartbeatLogAppender;
import org.karabeat.core.log.LogSettings;
import org.karabeat.core.resources.Outcome;
import org.karabeat.core.resources.ResourceOperations;
import org.karabeat.core.resources.ScriptEnvironment;
import org.karabeat.core.status.Snapshots;
import org.karabeat.transport.TransportConfig;
import org.karabeat.transport.TransportFactory;
import org.ops4j.pax.logging.spi.PaxAppender;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node: reads the classic configuration once at start, follows which agent serves each resource type,
 * runs resource operations through them, and keeps an immutable status snapshot for
 * {@link ClusterService#status()}.
 * <p>
 * One thread ("karabeat-core") owns all state; agent changes and operation results are posted to it. Each
 * change publishes a new snapshot, so readers never wait for the core.
 */
@Component(service = ClusterService.class, immediate = true, configurationPid = NodeSettings.PID)
@Designate(ocd = NodeSettings.class)
public class NodeRuntime implements ClusterService, AgentRegistry.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRuntime.class);
    private static final int AGENT_THREADS = 8;
    /** How long {@link #runOperation} waits at most, whatever the agent does (the runner answers far sooner). */
    private static final long MAX_WAIT_MINUTES = 10;

    private final ScheduledExecutorService core = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "karabeat-core");
        t.setDaemon(true);
        return t;
    });
    private final EventDispatcher events = new EventDispatcher();
    private final AtomicReference<ClusterStatus> snapshot = new AtomicReference<>();
    // written by the core thread only; read by agent threads for an operation's starting state
    private final Map<String, ResourceState> states = new ConcurrentHashMap<>();
    private final Clock clock;

    @Reference
    private AgentRegistry agents;

    @Reference
    private TransportFactory transports;

    // owned by the core thread after activation
    private String nodeName;
    private Path directory;
    private Optional<LegacyConfig> config = Optional.empty();
    private Map<String, ResourceSpec> resources = Map.of();
    private List<ConfigFinding> findings = List.of();
    private Instant startedAt;
    private String version;
    private ResourceOperations operations;
    private HeartbeatLogAppender heartbeatLog;
    private ServiceRegistration<PaxAppender> heartbeatLogRegistration;
    private HeartbeatLoop heartbeat;

    public NodeRuntime() {
        this(Clock.systemUTC());
    }

    NodeRuntime(Clock clock) {
        this.clock = clock;
    }

    @Activate
    void activate(BundleContext context, NodeSettings settings) throws Exception {
        startedAt = clock.instant();
        org.osgi.framework.Version v = context.getBundle().getVersion();
        version = v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
        nodeName = NodeName.configuredOrLocal(settings.node_name());
        ConfigLocation location = ConfigLocator.system().locate(Optional.of(settings.ha_directory())
                .filter(s -> !s.isBlank()).map(Path::of));
        List<ConfigFinding> found = new ArrayList<>(location.findings());
        directory = location.directory().orElse(null);
        if (directory != null) {
            LoadResult result = LegacyConfigLoader.load(directory, nodeName, LoadOptions.defaults());
            found.addAll(result.findings());
            config = result.config();
        }
        findings = List.copyOf(found);
        Map<String, ResourceSpec> specs = new HashMap<>();
        config.ifPresent(c -> {
            startHeartbeatLog(context, c.haCf(), Path.of(settings.syslog_socket()));
            c.haresources().groups().forEach(g -> g.resources().forEach(r -> specs.put(r.spec(), r)));
        });
        resources = Map.copyOf(specs);
        resources.keySet().forEach(r -> states.put(r, ResourceState.UNKNOWN));
        operations = new ResourceOperations(agents, nodeName,
                config.map(c -> ScriptEnvironment.of(c, nodeName)).orElse(Map.of()),
                r -> states.getOrDefault(r, ResourceState.UNKNOWN), AGENT_THREADS, ResourceOperations.DEFAULT_TIMEOUT);

        location.directory().ifPresent(d -> LOG.info("Configuration directory {} ({})", d, location.description()));
        for (ConfigFinding f : findings) {
            if (f.isError()) {
                LOG.error("{}", f);
            } else {
                LOG.warn("{}", f);
            }
        }
        if (config.isPresent()) {
            LOG.info("**************************");
            LOG.info("Configuration validated. Starting Karabeat {} (heartbeat 3.0.6 compatible) on node {}", version,
                    nodeName);
            if (heartbeatLog != null) {
                LOG.info("Logging to {}", heartbeatLog.describe());
            }
        } else {
            LOG.error("Karabeat not configured: fix the errors above and restart the node; nothing will be started");
        }
        agents.addListener(this);
        if (config.isPresent()) {
            LegacyConfig c = config.get();
            heartbeat = new HeartbeatLoop(nodeName, c.haCf(), core, clock, () -> System.nanoTime() / 1_000_000,
                    new HeartbeatLoop.Sink() {
                        @Override
                        public void changed() {
                            publishSnapshot();
                        }

                        @Override
                        public void event(ClusterEvent.Type type, String subject, String message) {
                            events.publish(NodeRuntime.this.event(type, subject, message));
                        }
                    });
            // only the two threads that keep the heartbeat go realtime, each doing it itself
            RealtimeScheduling realtime = RealtimeScheduling.of(c.haCf());
            TransportConfig transportConfig = TransportConfig.of(c, nodeName)
                    .withBindAddress(bindAddress(settings.transport_bind()))
                    .withStateDirectory(Path.of(settings.state_directory()))
                    .withIoThreadStart(realtime.ioThreadStart());
            core.submit(realtime.coreThreadStart()).get(10, TimeUnit.SECONDS);
            core.submit(() -> heartbeat.start(transports, transportConfig)).get(30, TimeUnit.SECONDS);
            realtime.report();
        }
        core.submit(this::publishSnapshot).get(10, TimeUnit.SECONDS);
        events.publish(event(ClusterEvent.Type.CONFIG_LOADED, nodeName,
                config.isPresent() ? "configuration loaded from " + directory : "configuration invalid"));
    }

    @Deactivate
    void deactivate() {
        // heartbeat's words: administrators and log watchers look for them
        LOG.info("Heartbeat shutdown in progress. ({})", ProcessHandle.current().pid());
        agents.removeListener(this);
        events.publish(event(ClusterEvent.Type.NODE_STOPPING, nodeName, "node stopping"));
        if (heartbeat != null) {
            try {
                core.submit(heartbeat::stop).get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("Leaving the cluster did not complete: {}", e.toString());
            }
        }
        operations.close();
        core.shutdown();
        try {
            core.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.close();
        LOG.info("{} Heartbeat shutdown complete.", nodeName);
        if (heartbeatLogRegistration != null) {
            heartbeatLogRegistration.unregister();
        }
        if (heartbeatLog != null) {
            heartbeatLog.close();
        }
    }

    private void startHeartbeatLog(BundleContext context, HaCf haCf, Path syslogSocket) {
        LogSettings settings = LogSettings.of(haCf.logfile(), haCf.debugfile(), haCf.logfacility(), haCf.useLogd(),
                haCf.syslogFormat(), haCf.debugLevel(), syslogSocket, nodeName);
        heartbeatLog = new HeartbeatLogAppender(settings, System.err);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("org.ops4j.pax.logging.appender.name", "KarabeatHeartbeatLog");
        heartbeatLogRegistration = context.registerService(PaxAppender.class, heartbeatLog, props);
    }

    /** From the agent registry, on whatever thread bound or unbound the agent. */
    @Override
    public void agentChanged(String type, Optional<String> provider, boolean fencing) {
        String kind = fencing ? "Fencing type" : "Resource type";
        if (provider.isPresent()) {
            LOG.info("{} {} now handled by {}", kind, type, provider.get());
            events.publish(event(ClusterEvent.Type.AGENT_BOUND, type, kind + " " + type + " bound to " + provider.get()));
        } else {
            LOG.warn("{} {} no longer has an agent", kind, type);
            events.publish(event(ClusterEvent.Type.AGENT_UNBOUND, type, kind + " " + type + " has no agent"));
        }
        refresh();
    }

    @Reference(service = ClusterEventListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void bindListener(ClusterEventListener l) {
        events.addListener(l);
    }

    void unbindListener(ClusterEventListener l) {
        events.removeListener(l);
    }

    @Override
    public ClusterStatus status() {
        ClusterStatus s = snapshot.get();
        if (s == null) {
            throw new IllegalStateException("Karabeat node is not started yet");
        }
        return s;
    }

    @Override
    public OperationResult runOperation(String resource, ResourceOperation operation) {
        ResourceSpec spec = resources.get(resource);
        if (spec == null) {
            throw new IllegalArgumentException("No resource " + resource + " in haresources"
                    + (resources.isEmpty() ? "" : "; resources are: " + String.join(", ", resources.keySet())));
        }
        Outcome outcome;
        try {
            outcome = operations.submit(spec, operation).thenApplyAsync(this::record, core)
                    .get(MAX_WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + operation + " of " + resource);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(operation + " of " + resource + " did not complete: " + e, e);
        }
        return outcome;
    }

    /** Core thread: applies an operation's result to the resource's state. */
    private Outcome record(Outcome o) {
        ResourceState before = states.put(o.resource(), o.state());
        String op = o.operation().name().toLowerCase();
        if (o.succeeded()) {
            LOG.info("{} {}: {}{} ({} ms)", o.resource(), op, o.code(), o.message().isEmpty() ? "" : " " + o.message(),
                    o.duration().toMillis());
        } else {
            // heartbeat's ResourceManager: "ERROR: Return code 1 from /etc/ha.d/resource.d/x"
            LOG.error("Return code {} from {} {}{}", o.code(), o.resource(), op,
                    o.message().isEmpty() ? "" : ": " + o.message());
        }
        if (before != o.state()) {
            events.publish(event(ClusterEvent.Type.RESOURCE_STATE_CHANGED, o.resource(),
                    o.resource() + " " + stateWord(before) + " -> " + stateWord(o.state()) + " (" + op + ")"));
            publishSnapshot();
        }
        return o;
    }

    private static String stateWord(ResourceState s) {
        return s == null ? "unknown" : s.name().toLowerCase();
    }

    private void refresh() {
        if (startedAt == null || core.isShutdown()) {
            return; // before activation: activate() publishes the first snapshot
        }
        core.execute(this::publishSnapshot);
    }

    /** Core thread: rebuilds the immutable status. */
    private void publishSnapshot() {
        List<NodeStatus> nodes = new ArrayList<>();
        nodes.add(new Snapshots.Node(nodeName, true, heartbeat == null ? NodeState.UP : heartbeat.localState(),
                Optional.empty(), List.of(), 0, OptionalLong.empty()));
        if (heartbeat != null) {
            nodes.addAll(heartbeat.peers());
        }
        List<ResourceGroupStatus> groups = new ArrayList<>();
        config.ifPresent(c -> {
            for (ResourceGroup g : c.haresources().groups()) {
                List<ResourceStatus> rs = new ArrayList<>();
                for (ResourceSpec r : g.resources()) {
                    rs.add(new Snapshots.Resource(r.spec(), r.type(), r.arguments(),
                            agents.resources().lookup(r.type()).map(AgentBindings.Binding::provider),
                            states.getOrDefault(r.spec(), ResourceState.UNKNOWN)));
                }
                groups.add(new Snapshots.Group(g.key(), g.preferredNode(), rs, "haresources:" + g.line()));
            }
        });
        String cluster = config.map(c -> c.haCf().clusterName()).orElse("linux-ha");
        snapshot.set(new Snapshots.Cluster(cluster, nodeName, directory == null ? "" : directory.toString(), startedAt,
                nodes, groups, findings, heartbeat == null ? Snapshots.Transport.NONE : heartbeat.transportStatus()));
    }

    /** The {@code transport.bind} setting: empty, or this node's own address (one host, several nodes). */
    private static Optional<InetAddress> bindAddress(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(value.trim()));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("etc/" + NodeSettings.PID + ".cfg: transport.bind = " + value
                    + ": not an address of this host");
        }
    }

    private ClusterEvent event(ClusterEvent.Type type, String subject, String message) {
        return new EventDispatcher.Event(type, clock.instant(), subject, message);
    }
}
