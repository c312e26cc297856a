package org.karabeat.spi.testkit;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.karabeat.spi.FenceRequest;

/**
 * A {@link FenceRequest} as the node would build it, for the kit and for an agent author's own unit tests.
 * Immutable; made with {@link #builder(String)}. Unless set otherwise the plug is empty (as for
 * {@code list}) and the timeout 20 s.
 */
public final class KitFenceRequest implements FenceRequest {

    /** The call timeout the kit uses unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private final String type;
    private final Map<String, String> parameters;
    private final String plug;
    private final Duration timeout;

    private KitFenceRequest(Builder b) {
        this.type = b.type;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.parameters));
        this.plug = b.plug;
        this.timeout = b.timeout;
    }

    /** A builder for a call to a device of fencing type {@code type}. */
    public static Builder builder(String type) {
        return new Builder(type);
    }

    /** The same request for another plug. */
    public KitFenceRequest withPlug(String plug) {
        return builder(type).parameters(parameters).plug(plug).timeout(timeout).build();
    }

    /** The same request with another timeout. */
    public KitFenceRequest withTimeout(Duration timeout) {
        return builder(type).parameters(parameters).plug(plug).timeout(timeout).build();
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Map<String, String> parameters() {
        return parameters;
    }

    @Override
    public String plug() {
        return plug;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    /** Type, plug and timeout; never the parameters, which may hold a password. */
    @Override
    public String toString() {
        return type + (plug.isEmpty() ? "" : " plug " + plug) + " (timeout " + Durations.format(timeout) + ")";
    }

    /** Builds a {@link KitFenceRequest}. */
    public static final class Builder {

        private final String type;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private String plug = "";
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(String type) {
            this.type = KitResourceRequest.requireText(type, "type");
        }

        /** Adds the device parameters, keeping the map's order. */
        public Builder parameters(Map<String, String> values) {
            Objects.requireNonNull(values, "parameters");
            values.forEach(this::parameter);
            return this;
        }

        public Builder parameter(String name, String value) {
            parameters.put(KitResourceRequest.requireText(name, "parameter name"),
                    Objects.requireNonNull(value, "value of " + name));
            return this;
        }

        /** The plug to act on; empty for {@code list}. */
        public Builder plug(String value) {
            this.plug = Objects.requireNonNull(value, "plug");
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = KitResourceRequest.requirePositive(value, "timeout");
            return this;
        }

        public KitFenceRequest build() {
            return new KitFenceRequest(this);
        }
    }
}
