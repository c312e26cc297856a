package org.karabeat.core.agents;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.karabeat.spi.FencingAgent;
import org.karabeat.spi.ResourceAgent;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's whiteboard of agents: every {@link ResourceAgent} and {@link FencingAgent} service, by the
 * type names it declares. A type whose bundle appears later (deploy/, hb:load-type) is usable at once; the
 * rest of the core listens for changes. Also caches each agent's parsed meta-data.
 * <p>
 * A core-internal service (its interface is this bundle's private class): one place tracks agents, the
 * node and the type manager share it.
 */
@Component(service = AgentRegistry.class)
public class AgentRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(AgentRegistry.class);

    /** Told when the agent chosen for a type changes (appears, goes, or is replaced). */
    public interface Listener {
        void agentChanged(String type, Optional<String> provider, boolean fencing);
    }

    private final AgentBindings<ResourceAgent> resources = new AgentBindings<>();
    private final AgentBindings<FencingAgent> fencing = new AgentBindings<>();
    private final Map<String, AgentMetadata> metadata = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    // agent calls in progress per bundle, and bundles about to be updated or removed (guarded by this)
    private final Map<Long, Integer> inFlight = new java.util.HashMap<>();
    private final java.util.Set<Long> draining = new java.util.HashSet<>();

    public AgentBindings<ResourceAgent> resources() {
        return resources;
    }

    public AgentBindings<FencingAgent> fencing() {
        return fencing;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    /** The meta-data of {@code type} as its chosen resource agent describes it (parsed once per agent service). */
    public AgentMetadata metadata(String type, AgentBindings.Binding<ResourceAgent> binding) {
        return metadata.computeIfAbsent(binding.serviceId() + "/" + type, k -> {
            try {
                return AgentMetadata.parse(binding.agent().metaData(type));
            } catch (RuntimeException e) {
                LOG.warn("Resource agent {} gives no usable meta-data for {}: {}", binding.provider(), type,
                        e.getMessage());
                return AgentMetadata.empty(type);
            }
        });
    }

    /**
     * Marks the start of a call into an agent of {@code bundleId}. Waits while that bundle is being drained
     * for an update or removal, at most until {@code deadlineNanos}; returns false if the wait timed out.
     */
    public synchronized boolean enter(long bundleId, long deadlineNanos) throws InterruptedException {
        while (draining.contains(bundleId)) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        inFlight.merge(bundleId, 1, Integer::sum);
        return true;
    }

    /** Marks the end of a call started with {@link #enter}. */
    public synchronized void exit(long bundleId) {
        inFlight.computeIfPresent(bundleId, (k, n) -> n > 1 ? n - 1 : null);
        notifyAll();
    }

    /**
     * Stops new calls into the agents of {@code bundleId} and waits, at most until {@code deadlineNanos}, for
     * the calls in progress to return: an update or removal then never pulls code from under a running
     * operation. Returns true when none is left. Always pair with {@link #undrain}.
     */
    public synchronized boolean drain(long bundleId, long deadlineNanos) throws InterruptedException {
        draining.add(bundleId);
        while (inFlight.containsKey(bundleId)) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Lets calls into the agents of {@code bundleId} go again. */
    public synchronized void undrain(long bundleId) {
        draining.remove(bundleId);
        notifyAll();
    }

    @Reference(service = ResourceAgent.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindResourceAgent(ResourceAgent agent, ServiceReference<ResourceAgent> ref) {
        bind(resources, agent, ref, ResourceAgent.TYPE, false);
    }

    void unbindResourceAgent(ResourceAgent agent, ServiceReference<ResourceAgent> ref) {
        unbind(resources, ref, false);
    }

    @Reference(service = FencingAgent.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindFencingAgent(FencingAgent agent, ServiceReference<FencingAgent> ref) {
        bind(fencing, agent, ref, FencingAgent.TYPE, true);
    }

    void unbindFencingAgent(FencingAgent agent, ServiceReference<FencingAgent> ref) {
        unbind(fencing, ref, true);
    }

    private <A> void bind(AgentBindings<A> bindings, A agent, ServiceReference<A> ref, String property,
            boolean isFencing) {
        List<String> types = AgentBindings.typesOf(ref.getProperty(property));
        String provider = provider(ref);
        if (types.isEmpty()) {
            LOG.warn("{} agent {} from {} has no {} service property: ignored", isFencing ? "Fencing" : "Resource",
                    agent.getClass().getName(), provider, property);
            return;
        }
        Object ranking = ref.getProperty(Constants.SERVICE_RANKING);
        AgentBindings.Binding<A> b = new AgentBindings.Binding<>(agent, provider,
                ref.getBundle() == null ? -1 : ref.getBundle().getBundleId(),
                ranking instanceof Integer ? (Integer) ranking : 0, (Long) ref.getProperty(Constants.SERVICE_ID));
        for (String type : bindings.add(types, b)) {
            notify(type, bindings.lookup(type).map(AgentBindings.Binding::provider), isFencing);
        }
    }

    private <A> void unbind(AgentBindings<A> bindings, ServiceReference<A> ref, boolean isFencing) {
        long id = (Long) ref.getProperty(Constants.SERVICE_ID);
        metadata.keySet().removeIf(k -> k.startsWith(id + "/"));
        for (String type : bindings.remove(id)) {
            notify(type, bindings.lookup(type).map(AgentBindings.Binding::provider), isFencing);
        }
    }

    private void notify(String type, Optional<String> provider, boolean isFencing) {
        for (Listener l : listeners) {
            try {
                l.agentChanged(type, provider, isFencing);
            } catch (RuntimeException e) {
                LOG.warn("agent listener failed for type {}", type, e);
            }
        }
    }

    static String provider(ServiceReference<?> ref) {
        return ref.getBundle() == null ? "?" : ref.getBundle().getSymbolicName() + "/" + ref.getBundle().getVersion();
    }
}
