package org.karabeat.config.legacy;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code authkeys} file: the keys by index and the one {@code auth} selects for sending. Messages signed
 * with any listed key are accepted. {@link #toString()} never shows a secret.
 */
public final class AuthKeys {

    private final int activeIndex;
    private final Map<Integer, AuthKey> keys;

    /** @throws IllegalArgumentException when no key has {@code activeIndex} */
    public AuthKeys(int activeIndex, Map<Integer, AuthKey> keys) {
        this.keys = Map.copyOf(Objects.requireNonNull(keys, "keys"));
        if (!this.keys.containsKey(activeIndex)) {
            throw new IllegalArgumentException("no key with the active index " + activeIndex);
        }
        this.activeIndex = activeIndex;
    }

    /** The index of the {@code auth} line: the key used to sign outgoing messages. */
    public int activeIndex() {
        return activeIndex;
    }

    /** The key used to sign outgoing messages. */
    public AuthKey active() {
        return keys.get(activeIndex);
    }

    /** Every key by index, sorted by index. */
    public Map<Integer, AuthKey> keys() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(keys));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthKeys a && a.activeIndex == activeIndex && a.keys.equals(keys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(activeIndex, keys);
    }

    @Override
    public String toString() {
        return "AuthKeys[active=" + activeIndex + ", keys=" + keys().values() + "]";
    }
}
