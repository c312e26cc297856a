package org.karabeat.core.events;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.karabeat.api.ClusterEvent;
import org.karabeat.api.ClusterEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link ClusterEvent}s to the {@link ClusterEventListener} whiteboard, in order, on one thread
 * of its own so a slow listener delays other listeners but never the core.
 */
public final class EventDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    /** An event as delivered. */
    public record Event(Type type, Instant timestamp, String subject, String message) implements ClusterEvent {
    }

    private final List<ClusterEventListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "karabeat-events");
        t.setDaemon(true);
        return t;
    });

    public void addListener(ClusterEventListener l) {
        listeners.add(l);
    }

    public void removeListener(ClusterEventListener l) {
        listeners.remove(l);
    }

    public void publish(ClusterEvent event) {
        try {
            thread.execute(() -> {
                for (ClusterEventListener l : listeners) {
                    try {
                        l.onEvent(event);
                    } catch (RuntimeException e) {
                        LOG.warn("event listener {} failed on {}", l.getClass().getName(), event.type(), e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("node stopping, event {} not delivered", event.type());
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
