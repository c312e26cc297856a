package org.karabeat.core.resources;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.karabeat.spi.ResourceRequest;

/** A {@link ResourceRequest} as the node hands it to an agent. */
record Request(String type, List<String> arguments, Map<String, String> parameters, String resourceId,
        String localNode, Duration timeout, Map<String, String> environment) implements ResourceRequest {

    Request {
        arguments = List.copyOf(arguments);
        parameters = Map.copyOf(parameters);
        environment = Map.copyOf(environment);
    }
}
