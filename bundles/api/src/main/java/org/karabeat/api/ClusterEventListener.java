package org.karabeat.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Register an OSGi service of this type to be told what happens on the node (whiteboard pattern).
 * Events are delivered one at a time, in order, on a thread of the core's; a listener must return
 * quickly and must not block. An exception from a listener is logged and does not stop delivery.
 */
@ConsumerType
public interface ClusterEventListener {

    void onEvent(ClusterEvent event);
}
