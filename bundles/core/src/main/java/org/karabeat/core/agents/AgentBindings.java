package org.karabeat.core.agents;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which agent serves which type: the whiteboard of agent services, keyed by the type names in their type
 * property. When several agents claim a type the one with the highest service ranking wins (then the oldest
 * service), as OSGi service selection does. Thread-safe; {@link #await} lets an operation wait for a type
 * that is being upgraded to come back.
 *
 * @param <A> the agent interface
 */
public final class AgentBindings<A> {

    /** One registered agent for one type. */
    public record Binding<A>(A agent, String provider, long bundleId, int ranking, long serviceId) {
    }

    private static final Comparator<Binding<?>> PREFERRED = Comparator.<Binding<?>>comparingInt(Binding::ranking)
            .reversed().thenComparingLong(Binding::serviceId);

    private final Map<String, List<Binding<A>>> byType = new TreeMap<>();
    /** Types that had an agent and lost it: an operation waits for those (an upgrade brings them back). */
    private final java.util.Set<String> gone = new java.util.HashSet<>();

    /** Adds an agent for its types; returns the types whose chosen agent changed. */
    public synchronized List<String> add(Collection<String> types, Binding<A> binding) {
        List<String> changed = new ArrayList<>();
        for (String type : types) {
            List<Binding<A>> list = byType.computeIfAbsent(type, t -> new ArrayList<>());
            Binding<A> before = list.isEmpty() ? null : list.get(0);
            list.add(binding);
            list.sort(PREFERRED);
            if (list.get(0) != before) {
                changed.add(type);
            }
            gone.remove(type);
        }
        notifyAll();
        return changed;
    }

    /** Removes an agent (by service id); returns the types whose chosen agent changed. */
    public synchronized List<String> remove(long serviceId) {
        List<String> changed = new ArrayList<>();
        byType.entrySet().removeIf(e -> {
            List<Binding<A>> list = e.getValue();
            Binding<A> before = list.get(0);
            list.removeIf(b -> b.serviceId() == serviceId);
            if (list.isEmpty() || list.get(0) != before) {
                changed.add(e.getKey());
            }
            if (list.isEmpty()) {
                gone.add(e.getKey());
            }
            return list.isEmpty();
        });
        return changed;
    }

    /** The agent that handles {@code type} now. */
    public synchronized Optional<Binding<A>> lookup(String type) {
        List<Binding<A>> list = byType.get(type);
        return list == null ? Optional.empty() : Optional.of(list.get(0));
    }

    /**
     * The agent of {@code type}; if the type had one that went away (an upgrade in progress), waits for it
     * at most until {@code deadlineNanos} ({@link System#nanoTime()}). A type never seen answers at once.
     */
    public synchronized Optional<Binding<A>> await(String type, long deadlineNanos) throws InterruptedException {
        while (true) {
            Optional<Binding<A>> b = lookup(type);
            long left = deadlineNanos - System.nanoTime();
            if (b.isPresent() || left <= 0 || !gone.contains(type)) {
                return b;
            }
            wait(Math.max(1, left / 1_000_000), 0);
        }
    }

    /** The chosen agent of every type, sorted by type. */
    public synchronized Map<String, Binding<A>> chosen() {
        Map<String, Binding<A>> out = new TreeMap<>();
        byType.forEach((type, list) -> out.put(type, list.get(0)));
        return out;
    }

    /** Reads the type names from a service property value ({@code String}, {@code String[]} or a collection). */
    public static List<String> typesOf(Object property) {
        List<String> types = new ArrayList<>();
        if (property instanceof String) {
            types.add((String) property);
        } else if (property instanceof String[]) {
            types.addAll(List.of((String[]) property));
        } else if (property instanceof Collection) {
            for (Object o : (Collection<?>) property) {
                types.add(String.valueOf(o));
            }
        }
        types.removeIf(t -> t == null || t.isBlank());
        return types;
    }
}
