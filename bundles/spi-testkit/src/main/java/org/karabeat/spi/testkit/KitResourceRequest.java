package org.karabeat.spi.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.karabeat.spi.ResourceRequest;

/**
 * A {@link ResourceRequest} as the node would build it, for the kit and for an agent author's own unit
 * tests. Immutable; made with {@link #builder(String)}.
 * <p>
 * Unless set otherwise: the arguments are the parameters written {@code name=value}, in the map's order
 * (the named form of a {@code haresources} resource); the resource id is the {@code haresources} spec
 * ({@code Dummy::state=/tmp/x.state}); the local node is {@code node1}; the timeout 20 s; the environment
 * holds {@code HA_CURHOST}, {@code OCF_RESOURCE_INSTANCE}, {@code OCF_RESOURCE_TYPE},
 * {@code OCF_RESKEY_CRM_meta_timeout} (milliseconds) and {@code OCF_RESKEY_<name>} for every parameter.
 */
public final class KitResourceRequest implements ResourceRequest {

    /** The node name the kit uses unless told otherwise. */
    public static final String DEFAULT_LOCAL_NODE = "node1";
    /** The operation timeout the kit uses unless told otherwise (ocf-tester's). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private final String type;
    private final List<String> arguments;
    private final Map<String, String> parameters;
    private final String resourceId;
    private final String localNode;
    private final Duration timeout;
    private final Map<String, String> environment;

    private KitResourceRequest(Builder b) {
        this.type = b.type;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.parameters));
        List<String> args = b.arguments;
        if (args == null) {
            args = new ArrayList<>();
            for (Map.Entry<String, String> e : parameters.entrySet()) {
                args.add(e.getKey() + "=" + e.getValue());
            }
        }
        this.arguments = Collections.unmodifiableList(new ArrayList<>(args));
        this.resourceId = b.resourceId != null ? b.resourceId : spec(type, arguments);
        this.localNode = b.localNode;
        this.timeout = b.timeout;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HA_CURHOST", localNode);
        env.put("OCF_RESOURCE_INSTANCE", resourceId);
        env.put("OCF_RESOURCE_TYPE", type);
        env.put("OCF_RESKEY_CRM_meta_timeout", Long.toString(timeout.toMillis()));
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            env.put("OCF_RESKEY_" + e.getKey(), e.getValue());
        }
        env.putAll(b.environment);
        this.environment = Collections.unmodifiableMap(env);
    }

    /** A builder for a request on a resource of {@code type}. */
    public static Builder builder(String type) {
        return new Builder(type);
    }

    /** A builder holding this request's values, to derive another request. */
    public Builder toBuilder() {
        Builder b = new Builder(type).parameters(parameters).arguments(arguments).resourceId(resourceId)
                .localNode(localNode).timeout(timeout);
        b.environment.putAll(environment);
        return b;
    }

    /** The same request with another timeout. */
    public KitResourceRequest withTimeout(Duration timeout) {
        return toBuilder().timeout(timeout).build();
    }

    /** {@code Type::arg1::arg2}, the way {@code haresources} writes a resource. */
    static String spec(String type, List<String> arguments) {
        StringBuilder b = new StringBuilder(type);
        for (String a : arguments) {
            b.append("::").append(a);
        }
        return b.toString();
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public List<String> arguments() {
        return arguments;
    }

    @Override
    public Map<String, String> parameters() {
        return parameters;
    }

    @Override
    public String resourceId() {
        return resourceId;
    }

    @Override
    public String localNode() {
        return localNode;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public String toString() {
        return resourceId + " on " + localNode + " (timeout " + Durations.format(timeout) + ")";
    }

    /** Builds a {@link KitResourceRequest}. */
    public static final class Builder {

        private final String type;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private List<String> arguments;
        private String resourceId;
        private String localNode = DEFAULT_LOCAL_NODE;
        private Duration timeout = DEFAULT_TIMEOUT;
        private final Map<String, String> environment = new LinkedHashMap<>();

        private Builder(String type) {
            this.type = requireText(type, "type");
        }

        /** Adds the named parameters, keeping the map's order. */
        public Builder parameters(Map<String, String> values) {
            Objects.requireNonNull(values, "parameters");
            values.forEach(this::parameter);
            return this;
        }

        public Builder parameter(String name, String value) {
            parameters.put(requireText(name, "parameter name"), Objects.requireNonNull(value, "value of " + name));
            return this;
        }

        /** The positional arguments; by default the parameters as {@code name=value}. */
        public Builder arguments(List<String> values) {
            this.arguments = new ArrayList<>(Objects.requireNonNull(values, "arguments"));
            return this;
        }

        /** The resource id; by default the {@code haresources} spec {@code Type::arg1::arg2}. */
        public Builder resourceId(String value) {
            this.resourceId = requireText(value, "resourceId");
            return this;
        }

        public Builder localNode(String value) {
            this.localNode = requireText(value, "localNode");
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = requirePositive(value, "timeout");
            return this;
        }

        /** Adds to (or overrides) the environment the request computes. */
        public Builder environment(Map<String, String> values) {
            environment.putAll(Objects.requireNonNull(values, "environment"));
            return this;
        }

        public KitResourceRequest build() {
            return new KitResourceRequest(this);
        }
    }

    static String requireText(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }

    static Duration requirePositive(Duration value, String what) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(what + " must be a positive duration, not " + value);
        }
        return value;
    }
}
