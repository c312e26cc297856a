package org.karabeat.core.node;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.karabeat.api.ClusterEvent;
import org.karabeat.api.ClusterEventListener;
import org.karabeat.api.ClusterService;
import org.karabeat.api.ClusterStatus;
import org.karabeat.api.ConfigFinding;
import org.karabeat.api.NodeState;
import org.karabeat.api.NodeStatus;
import org.karabeat.api.ResourceGroupStatus;
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
import org.karabeat.core.events.EventDispatcher;
import org.karabeat.core.log.HeartbeatLogAppender;
import org.karabeat.core.log.LogSettings;
import org.karabeat.core.status.Snapshots;
import org.karabeat.spi.ResourceAgent;
import org.ops4j.pax.logging.spi.PaxAppender;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node: reads the classic configuration once at start, tracks resource agents by type, and keeps an
 * immutable status snapshot for {@link ClusterService#status()}.
 * <p>
 * One thread ("karabeat-core") owns all state; DS callbacks only post work to it. Each change publishes a
 * new snapshot, so readers never wait for the core.
 */
@Component(service = ClusterService.class, immediate = true, configurationPid = NodeSettings.PID)
@Designate(ocd = NodeSettings.class)
public class NodeRuntime implements ClusterService {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRuntime.class);

    private final ExecutorService core = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "karabeat-core");
        t.setDaemon(true);
        return t;
    });
    private final AgentBindings<ResourceAgent> agents = new AgentBindings<>();
    private final EventDispatcher events = new EventDispatcher();
    private final AtomicReference<ClusterStatus> snapshot = new AtomicReference<>();
    private final Clock clock;

    // owned by the core thread after activation
    private String nodeName;
    private Path directory;
    private Optional<LegacyConfig> config = Optional.empty();
    private List<ConfigFinding> findings = List.of();
    private Instant startedAt;
    private String version;
    private HeartbeatLogAppender heartbeatLog;
    private ServiceRegistration<PaxAppender> heartbeatLogRegistration;

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
        config.ifPresent(c -> startHeartbeatLog(context, c.haCf(), Path.of(settings.syslog_socket())));

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
        core.submit(this::publishSnapshot).get(10, TimeUnit.SECONDS);
        events.publish(event(ClusterEvent.Type.CONFIG_LOADED, nodeName,
                config.isPresent() ? "configuration loaded from " + directory : "configuration invalid"));
    }

    @Deactivate
    void deactivate() {
        // heartbeat's words: administrators and log watchers look for them
        LOG.info("Heartbeat shutdown in progress. ({})", ProcessHandle.current().pid());
        events.publish(event(ClusterEvent.Type.NODE_STOPPING, nodeName, "node stopping"));
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

    @Reference(service = ResourceAgent.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindResourceAgent(ResourceAgent agent, ServiceReference<ResourceAgent> ref) {
        List<String> types = AgentBindings.typesOf(ref.getProperty(ResourceAgent.TYPE));
        if (types.isEmpty()) {
            LOG.warn("Resource agent {} from {} has no {} property: ignored", agent.getClass().getName(),
                    provider(ref), ResourceAgent.TYPE);
            return;
        }
        List<String> changed = agents.add(types, new AgentBindings.Binding<>(agent, provider(ref), ranking(ref),
                (Long) ref.getProperty(Constants.SERVICE_ID)));
        for (String type : changed) {
            LOG.info("Resource type {} now handled by {}", type, provider(ref));
            events.publish(event(ClusterEvent.Type.AGENT_BOUND, type, "resource type " + type + " bound to " + provider(ref)));
        }
        refresh();
    }

    void unbindResourceAgent(ResourceAgent agent, ServiceReference<ResourceAgent> ref) {
        for (String type : agents.remove((Long) ref.getProperty(Constants.SERVICE_ID))) {
            String now = agents.lookup(type).map(AgentBindings.Binding::provider).orElse(null);
            if (now == null) {
                LOG.warn("Resource type {} no longer has an agent ({} went away)", type, provider(ref));
                events.publish(event(ClusterEvent.Type.AGENT_UNBOUND, type, "resource type " + type + " has no agent"));
            } else {
                LOG.info("Resource type {} now handled by {}", type, now);
                events.publish(event(ClusterEvent.Type.AGENT_BOUND, type, "resource type " + type + " bound to " + now));
            }
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

    private void refresh() {
        if (startedAt == null || core.isShutdown()) {
            return; // before activation: activate() publishes the first snapshot
        }
        core.execute(this::publishSnapshot);
    }

    /** Core thread: rebuilds the immutable status. */
    private void publishSnapshot() {
        List<NodeStatus> nodes = new ArrayList<>();
        nodes.add(new Snapshots.Node(nodeName, true, NodeState.UP, Optional.empty()));
        List<ResourceGroupStatus> groups = new ArrayList<>();
        config.ifPresent(c -> {
            for (String n : c.haCf().nodes()) {
                if (!n.equals(nodeName)) {
                    // no cluster transport yet: nothing is known of the peers
                    nodes.add(new Snapshots.Node(n, false, NodeState.UNKNOWN, Optional.empty()));
                }
            }
            for (ResourceGroup g : c.haresources().groups()) {
                List<ResourceStatus> resources = new ArrayList<>();
                for (ResourceSpec r : g.resources()) {
                    resources.add(new Snapshots.Resource(r.spec(), r.type(), r.arguments(),
                            agents.lookup(r.type()).map(AgentBindings.Binding::provider), ResourceState.UNKNOWN));
                }
                groups.add(new Snapshots.Group(g.key(), g.preferredNode(), resources,
                        "haresources:" + g.line()));
            }
        });
        String cluster = config.map(c -> c.haCf().clusterName()).orElse("linux-ha");
        snapshot.set(new Snapshots.Cluster(cluster, nodeName, directory == null ? "" : directory.toString(), startedAt,
                nodes, groups, findings));
    }

    private ClusterEvent event(ClusterEvent.Type type, String subject, String message) {
        return new EventDispatcher.Event(type, clock.instant(), subject, message);
    }

    private static String provider(ServiceReference<?> ref) {
        return ref.getBundle() == null ? "?" : ref.getBundle().getSymbolicName() + "/" + ref.getBundle().getVersion();
    }

    private static int ranking(ServiceReference<?> ref) {
        Object r = ref.getProperty(Constants.SERVICE_RANKING);
        return r instanceof Integer ? (Integer) r : 0;
    }
}
