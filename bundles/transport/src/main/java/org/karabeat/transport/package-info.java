/**
 * The heartbeat transport as the core sees it: open it with a {@link org.karabeat.transport.TransportConfig}
 * through the {@link org.karabeat.transport.TransportFactory} service, send application messages, and
 * receive, through a {@link org.karabeat.transport.TransportListener}, every authentic sign of life and each
 * peer's sequenced messages exactly once and in order. Cluster decisions are not made here.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.karabeat.transport;
