package org.karabeat.config.legacy;

import java.util.List;
import java.util.Objects;

/**
 * One resource of a {@code haresources} line.
 *
 * @param spec      the normalised text: {@code Type} or {@code Type::arg1::arg2}; a word spelled like an
 *                  IPv4 address becomes {@code IPaddr::<word>}
 * @param type      the resource type (script or agent name)
 * @param arguments the {@code ::}-separated arguments, in order
 * @param line      the physical line of {@code haresources} the resource is written on
 */
public record ResourceSpec(String spec, String type, List<String> arguments, int line) {

    public ResourceSpec {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(type, "type");
        arguments = List.copyOf(arguments);
    }
}
