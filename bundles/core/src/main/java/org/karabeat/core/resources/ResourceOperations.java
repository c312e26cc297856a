package org.karabeat.core.resources;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.karabeat.api.ResourceOperation;
import org.karabeat.api.ResourceState;
import org.karabeat.config.legacy.ResourceSpec;
import org.karabeat.core.agents.AgentBindings;
import org.karabeat.core.agents.AgentMetadata;
import org.karabeat.core.agents.AgentRegistry;
import org.karabeat.spi.AgentResult;
import org.karabeat.spi.ResourceAgent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs resource operations through agents, at the edge of the core: on a bounded pool of agent threads,
 * one operation at a time per resource and in submission order, each interrupted at its timeout.
 * <p>
 * An operation holds the agent it started with: if the agent's bundle is upgraded meanwhile, the operation
 * finishes (or times out) on the old code and is never run again on the new one. An operation whose type has
 * no agent waits for one until its timeout, so an upgrade in progress loses nothing. When an agent ignores
 * the interrupt, the operation is reported as timed out at its deadline, and the resource's next operation
 * waits until the agent has really returned: nothing runs twice at once on one resource.
 */
public final class ResourceOperations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceOperations.class);
    /** Used when the agent's meta-data gives no timeout for the action (OCF's usual default). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private final AgentRegistry registry;
    private final String localNode;
    private final Map<String, String> environment;
    private final Function<String, ResourceState> currentState;
    private final Duration agentWait;
    private final ExecutorService agentThreads;
    private final ScheduledExecutorService timer;
    private final Map<String, Queue<Runnable>> queues = new HashMap<>();

    /**
     * @param currentState the resource's state before an operation (read on the agent thread)
     * @param agentWait    how long an operation waits for an agent of its type to appear
     */
    public ResourceOperations(AgentRegistry registry, String localNode, Map<String, String> environment,
            Function<String, ResourceState> currentState, int threads, Duration agentWait) {
        this.registry = registry;
        this.localNode = localNode;
        this.environment = Map.copyOf(environment);
        this.currentState = currentState;
        this.agentWait = agentWait;
        AtomicInteger n = new AtomicInteger();
        this.agentThreads = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> daemon(r, "karabeat-agent-" + n.incrementAndGet()));
        ((ThreadPoolExecutor) agentThreads).allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "karabeat-agent-timer"));
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
    }

    /** Queues {@code op} on {@code resource}; the future completes when it is done or has timed out. */
    public CompletableFuture<Outcome> submit(ResourceSpec resource, ResourceOperation op) {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        enqueue(resource.spec(), () -> execute(resource, op, result));
        return result;
    }

    private void enqueue(String key, Runnable task) {
        synchronized (queues) {
            Queue<Runnable> q = queues.get(key);
            if (q != null) {
                q.add(task); // the running task of this resource will start it
                return;
            }
            queues.put(key, new ArrayDeque<>());
        }
        agentThreads.execute(() -> drain(key, task));
    }

    private void drain(String key, Runnable first) {
        Runnable next = first;
        while (next != null) {
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.error("resource operation on {} failed unexpectedly", key, e);
            }
            synchronized (queues) {
                next = queues.get(key).poll();
                if (next == null) {
                    queues.remove(key);
                }
            }
        }
    }

    private void execute(ResourceSpec resource, ResourceOperation op, CompletableFuture<Outcome> result) {
        long start = System.nanoTime();
        ResourceState before = currentState.apply(resource.spec());
        AgentBindings.Binding<ResourceAgent> binding;
        long deadline = start + agentWait.toNanos();
        try {
            while (true) {
                // an agent being upgraded is gone for a moment: wait for it
                binding = registry.resources().await(resource.type(), deadline).orElse(null);
                if (binding == null || !registry.enter(binding.bundleId(), deadline)) {
                    binding = null;
                    break;
                }
                if (registry.resources().lookup(resource.type()).orElse(null) == binding) {
                    break; // entered the agent that is still chosen
                }
                registry.exit(binding.bundleId()); // replaced while we waited: take the new one
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.complete(Outcome.typeMissing(resource.spec(), op, resource.type(), before, since(start)));
            return;
        }
        if (binding == null) {
            result.complete(Outcome.typeMissing(resource.spec(), op, resource.type(), before, since(start)));
            return;
        }
        try {
            call(resource, op, result, binding, start, before);
        } finally {
            registry.exit(binding.bundleId());
        }
    }

    private void call(ResourceSpec resource, ResourceOperation op, CompletableFuture<Outcome> result,
            AgentBindings.Binding<ResourceAgent> binding, long start, ResourceState before) {
        AgentMetadata meta = registry.metadata(resource.type(), binding);
        Duration timeout = meta.timeout(action(op)).orElse(DEFAULT_TIMEOUT);
        Request request = new Request(resource.type(), resource.arguments(), Parameters.map(resource.arguments(), meta),
                resource.spec(), localNode, timeout, environment);
        Thread agentThread = Thread.currentThread();
        ScheduledFuture<?> alarm = timer.schedule(() -> {
            if (result.complete(Outcome.timeout(resource.spec(), op, before, timeout))) {
                agentThread.interrupt();
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        LOG.info("Running {} {} (agent {})", resource.spec(), op.name().toLowerCase(), binding.provider());
        try {
            AgentResult r = invoke(binding.agent(), op, request);
            if (r == null) {
                r = AgentResult.failed(org.karabeat.spi.ResultCode.ERR_GENERIC, "the agent returned no result");
            }
            if (!result.complete(Outcome.of(resource.spec(), op, r, before, since(start)))) {
                LOG.warn("{} {} returned {} after its timeout of {} ms: result ignored", resource.spec(),
                        op.name().toLowerCase(), r, timeout.toMillis());
            }
        } catch (InterruptedException e) {
            result.complete(Outcome.timeout(resource.spec(), op, before, timeout));
        } catch (RuntimeException | LinkageError e) {
            // a plugin bug (or a bundle updated under it) must not take the node down
            result.complete(Outcome.crashed(resource.spec(), op, e, before, since(start)));
        } finally {
            alarm.cancel(false);
            Thread.interrupted(); // a late alarm must not leak into the next operation
        }
    }

    private static AgentResult invoke(ResourceAgent agent, ResourceOperation op, Request request)
            throws InterruptedException {
        switch (op) {
            case START:
                return agent.start(request);
            case STOP:
                return agent.stop(request);
            case STATUS:
                return agent.status(request);
            case MONITOR:
                return agent.monitor(request);
            default:
                return agent.validate(request);
        }
    }

    /** The OCF action name whose meta-data timeout applies. */
    private static String action(ResourceOperation op) {
        return op == ResourceOperation.STATUS ? "status" : op == ResourceOperation.VALIDATE ? "validate-all"
                : op.name().toLowerCase();
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops taking work; operations running now are interrupted. */
    @Override
    public void close() {
        timer.shutdownNow();
        agentThreads.shutdownNow();
    }

    /** For tests: resources with queued or running operations. */
    List<String> busy() {
        synchronized (queues) {
            return List.copyOf(queues.keySet());
        }
    }
}
