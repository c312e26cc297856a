package org.karabeat.core.types;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.karabeat.api.ClusterService;
import org.karabeat.api.OperationResult;
import org.karabeat.api.ResourceOperation;
import org.karabeat.api.ResourceState;
import org.karabeat.api.ResourceStatus;
import org.karabeat.api.ResourceTypeInfo;
import org.karabeat.api.ResourceTypes;
import org.karabeat.core.agents.AgentBindings;
import org.karabeat.core.agents.AgentMetadata;
import org.karabeat.core.agents.AgentRegistry;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and unloads agents in the running node, and describes the types they provide. The node and the
 * cluster are never restarted: a new bundle is installed and started, an existing one is updated in place
 * (the core keeps its resource states; an operation in flight finishes on the old code), and a type whose
 * resources are started here is never unloaded without stopping them first.
 */
@Component(service = ResourceTypes.class)
public class AgentTypeManager implements ResourceTypes {

    private static final Logger LOG = LoggerFactory.getLogger(AgentTypeManager.class);
    /** How long to wait for a bundle's agents to appear or go (DS activates components asynchronously). */
    static final long WAIT_MILLIS = 20_000;
    /**
     * An agent's feature must never refresh the node's own bundles (a refresh restarts the core and drops
     * every resource state): whatever rewiring it would want waits for the next node restart.
     */
    private static final EnumSet<FeaturesService.Option> NO_REFRESH = EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);

    @Reference
    private AgentRegistry registry;

    @Reference
    private ClusterService cluster;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile FeaturesService features;

    private BundleContext context;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
    }

    @Override
    public List<ResourceTypeInfo> types() {
        List<ResourceTypeInfo> out = new ArrayList<>();
        registry.resources().chosen().forEach((type, b) -> out.add(info(type, ResourceTypeInfo.Kind.RESOURCE, b,
                registry.metadata(type, b))));
        registry.fencing().chosen().forEach((type, b) -> out.add(info(type, ResourceTypeInfo.Kind.FENCING, b,
                fencingMetadata(type, b))));
        return out;
    }

    @Override
    public Optional<ResourceTypeInfo> describe(String type) {
        return types().stream().filter(t -> t.type().equals(type)).findFirst();
    }

    @Override
    public synchronized String load(String location) {
        String where = location.trim();
        if (where.isEmpty()) {
            throw new IllegalArgumentException("give a bundle location (mvn:..., file:...) or a feature name");
        }
        return looksLikeFeature(where) ? loadFeature(where) : loadBundle(where);
    }

    @Override
    public synchronized String unload(String type, boolean force) {
        long bundleId = registry.resources().lookup(type).map(AgentBindings.Binding::bundleId)
                .or(() -> registry.fencing().lookup(type).map(AgentBindings.Binding::bundleId))
                .orElseThrow(() -> new IllegalArgumentException("No agent provides type " + type + " on this node"));
        Bundle bundle = context.getBundle(bundleId);
        Set<String> types = typesOf(bundleId);
        List<ResourceStatus> started = startedResources(types);
        StringBuilder done = new StringBuilder();
        if (!started.isEmpty()) {
            if (!force) {
                throw new IllegalStateException("Refused: " + describe(started) + (started.size() == 1 ? " is" : " are")
                        + " started on this node; without " + String.join(", ", types)
                        + " nothing could stop or monitor " + (started.size() == 1 ? "it" : "them")
                        + ". Stop " + (started.size() == 1 ? "it" : "them") + " first (hb:resource stop ...) or use --force.");
            }
            for (ResourceStatus r : started) {
                OperationResult stop = cluster.runOperation(r.spec(), ResourceOperation.STOP);
                if (!stop.succeeded()) {
                    throw new IllegalStateException("--force: stop of " + r.spec() + " failed (" + stop.code()
                            + (stop.message().isEmpty() ? "" : ": " + stop.message()) + "); " + bundle.getSymbolicName()
                            + " is still loaded");
                }
                done.append("stopped ").append(r.spec()).append("; ");
            }
        }
        String how = remove(bundle);
        String provider = bundle.getSymbolicName() + "/" + bundle.getVersion();
        await(() -> typesOf(bundleId).isEmpty(), "types " + types + " to go away");
        waitFor(() -> statusShows(types, Optional.empty()));
        LOG.info("Unloaded {} ({}): types {} no longer available", provider, how, types);
        return done + "unloaded " + provider + " (" + how + "): " + String.join(", ", types) + " no longer available";
    }

    private String loadBundle(String location) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (BundleFile file = BundleFile.fetch(location, tmp)) {
            Bundle existing = findBundle(file.symbolicName());
            Bundle bundle;
            String what;
            if (existing != null) {
                String from = existing.getVersion().toString();
                // operations in flight finish on the old code; new ones wait for the new agent
                drain(existing);
                try (InputStream in = file.open()) {
                    existing.update(in);
                    refresh(existing);
                } finally {
                    registry.undrain(existing.getBundleId());
                }
                bundle = existing;
                what = "updated " + file.symbolicName() + " from " + from + " to " + file.version() + " in place";
            } else {
                try (InputStream in = file.open()) {
                    bundle = context.installBundle(location, in);
                }
                what = "installed " + file.symbolicName() + "/" + file.version() + " (bundle " + bundle.getBundleId() + ")";
            }
            bundle.start();
            long id = bundle.getBundleId();
            String version = bundle.getVersion().toString();
            boolean bound = waitFor(() -> providesAtVersion(id, version));
            Set<String> types = typesOf(id);
            String provider = bundle.getSymbolicName() + "/" + version;
            // return when hb:status shows it: the operator's next command sees the new agent
            waitFor(() -> statusShows(types, Optional.of(provider)));
            LOG.info("hb:load-type {}: {}; types {}", location, what, types);
            return what + (bound ? ": " + String.join(", ", types) + " bound"
                    : ": no resource or fencing agent appeared within " + WAIT_MILLIS / 1000
                            + " s (is its component satisfied? bundle:diag " + id + ")");
        } catch (BundleException | IOException e) {
            throw new IllegalArgumentException("cannot load " + location + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading " + location, e);
        }
    }

    private String loadFeature(String spec) {
        FeaturesService fs = features;
        if (fs == null) {
            throw new IllegalArgumentException(spec + " looks like a feature name, but this node has no features service");
        }
        Set<String> before = new TreeSet<>(allTypes());
        int slash = spec.indexOf('/');
        try {
            if (slash > 0) {
                fs.installFeature(spec.substring(0, slash), spec.substring(slash + 1), NO_REFRESH);
            } else {
                fs.installFeature(spec, NO_REFRESH);
            }
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot install feature " + spec + ": " + e.getMessage(), e);
        }
        waitFor(() -> !before.containsAll(allTypes()) || !allTypes().containsAll(before));
        Set<String> added = new TreeSet<>(allTypes());
        added.removeAll(before);
        waitFor(() -> added.stream().allMatch(t -> statusShows(Set.of(t), registry.resources().lookup(t)
                .map(AgentBindings.Binding::provider))));
        LOG.info("hb:load-type {}: feature installed; new types {}", spec, added);
        return "installed feature " + spec + (added.isEmpty() ? " (no new type)" : ": " + String.join(", ", added) + " bound");
    }

    /** Removes what brought the bundle in: its feature, its file in deploy/, or the bundle itself. */
    private String remove(Bundle bundle) {
        String location = bundle.getLocation();
        FeaturesService fs = features;
        try {
            drain(bundle);
            return removeDrained(bundle, location, fs);
        } finally {
            registry.undrain(bundle.getBundleId());
        }
    }

    private String removeDrained(Bundle bundle, String location, FeaturesService fs) {
        try {
            if (fs != null) {
                for (Feature f : fs.listInstalledFeatures()) {
                    if (f.getBundles().stream().anyMatch(b -> location.equals(b.getLocation()))) {
                        fs.uninstallFeature(f.getName(), f.getVersion(), NO_REFRESH);
                        return "feature " + f.getName() + "/" + f.getVersion() + " uninstalled";
                    }
                }
            }
            Optional<Path> deployed = deployedFile(location);
            if (deployed.isPresent()) {
                // the deploy/ scanner installed it: removing the file is what uninstalls it for good
                Files.deleteIfExists(deployed.get());
                long id = bundle.getBundleId();
                await(() -> context.getBundle(id) == null, "the deploy/ scanner to uninstall " + deployed.get());
                return deployed.get() + " removed from deploy/";
            }
            bundle.uninstall();
            refresh(bundle);
            return "bundle " + bundle.getBundleId() + " uninstalled";
        } catch (Exception e) {
            throw new IllegalStateException("cannot unload " + bundle.getSymbolicName() + ": " + e.getMessage(), e);
        }
    }

    /** Waits for the agent calls into {@code bundle} to return (bounded by the operations' timeouts). */
    private void drain(Bundle bundle) {
        long deadline = System.nanoTime() + 2 * org.karabeat.core.resources.ResourceOperations.DEFAULT_TIMEOUT.toNanos();
        try {
            if (!registry.drain(bundle.getBundleId(), deadline)) {
                LOG.warn("Operations of {} still running after {} s: going on with the change", bundle.getSymbolicName(),
                        2 * org.karabeat.core.resources.ResourceOperations.DEFAULT_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for operations of " + bundle.getSymbolicName(), e);
        }
    }

    private Optional<Path> deployedFile(String location) {
        if (!location.startsWith("file:")) {
            return Optional.empty();
        }
        try {
            Path file = Path.of(java.net.URI.create(location)).toAbsolutePath().normalize();
            Path deploy = Path.of(System.getProperty("karaf.base", "."), "deploy").toAbsolutePath().normalize();
            return file.getParent() != null && file.getParent().equals(deploy) ? Optional.of(file) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Refreshes a bundle's wiring so the old revision goes away, and waits for it. */
    private void refresh(Bundle bundle) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), e -> {
            if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED || e.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        if (!done.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            LOG.warn("refresh of {} not done within {} ms", bundle.getSymbolicName(), WAIT_MILLIS);
        }
    }

    /** Whether every resource of {@code types} in the published status has {@code provider} as its agent. */
    private boolean statusShows(Set<String> types, Optional<String> provider) {
        return cluster.status().groups().stream().flatMap(g -> g.resources().stream())
                .filter(r -> types.contains(r.type())).allMatch(r -> r.agent().equals(provider));
    }

    private List<ResourceStatus> startedResources(Set<String> types) {
        List<ResourceStatus> out = new ArrayList<>();
        cluster.status().groups().forEach(g -> g.resources().forEach(r -> {
            // unknown: never touched by this node; stopped: nothing to lose
            if (types.contains(r.type()) && r.state() != ResourceState.STOPPED && r.state() != ResourceState.UNKNOWN) {
                out.add(r);
            }
        }));
        return out;
    }

    private static String describe(List<ResourceStatus> resources) {
        List<String> parts = new ArrayList<>();
        resources.forEach(r -> parts.add(r.spec() + " (" + r.state().name().toLowerCase() + ")"));
        return String.join(", ", parts);
    }

    private Set<String> typesOf(long bundleId) {
        Set<String> out = new TreeSet<>();
        registry.resources().chosen().forEach((t, b) -> {
            if (b.bundleId() == bundleId) {
                out.add(t);
            }
        });
        registry.fencing().chosen().forEach((t, b) -> {
            if (b.bundleId() == bundleId) {
                out.add(t);
            }
        });
        return out;
    }

    private boolean providesAtVersion(long bundleId, String version) {
        return registry.resources().chosen().values().stream()
                .anyMatch(b -> b.bundleId() == bundleId && b.provider().endsWith("/" + version))
                || registry.fencing().chosen().values().stream()
                        .anyMatch(b -> b.bundleId() == bundleId && b.provider().endsWith("/" + version));
    }

    private Set<String> allTypes() {
        Set<String> out = new TreeSet<>(registry.resources().chosen().keySet());
        out.addAll(registry.fencing().chosen().keySet());
        return out;
    }

    private Bundle findBundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** A feature name is a word, optionally {@code /version}; anything with a scheme is a location. */
    static boolean looksLikeFeature(String s) {
        return !s.contains(":");
    }

    private static boolean waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static void await(BooleanSupplier condition, String what) {
        if (!waitFor(condition)) {
            throw new IllegalStateException("timed out after " + WAIT_MILLIS / 1000 + " s waiting for " + what);
        }
    }

    private TypeInfo info(String type, ResourceTypeInfo.Kind kind, AgentBindings.Binding<?> b, AgentMetadata meta) {
        List<ResourceTypeInfo.ParameterInfo> params = new ArrayList<>();
        meta.parameters().forEach(p -> params.add(new TypeInfo.Parameter(p.name(), p.required(), p.type(),
                p.defaultValue(), p.description())));
        List<String> resources = new ArrayList<>();
        cluster.status().groups().forEach(g -> g.resources().forEach(r -> {
            if (r.type().equals(type) && kind == ResourceTypeInfo.Kind.RESOURCE) {
                resources.add(r.spec());
            }
        }));
        return new TypeInfo(type, kind, b.provider(), b.bundleId(), meta.description(), params, resources);
    }

    private static AgentMetadata fencingMetadata(String type, AgentBindings.Binding<org.karabeat.spi.FencingAgent> b) {
        try {
            return AgentMetadata.parse(b.agent().metaData(type));
        } catch (RuntimeException e) {
            return AgentMetadata.empty(type);
        }
    }
}
