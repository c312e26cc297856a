/**
 * Karabeat's public API: what the shell, tools and integrations may call.
 * <p>
 * {@link org.karabeat.api.ClusterService} gives a {@link org.karabeat.api.ClusterStatus} snapshot of
 * the local node, its configured peers and the {@code haresources} groups with the agent bound to each
 * resource. {@link org.karabeat.api.ConfigVerifier} checks a configuration directory without starting
 * anything. {@link org.karabeat.api.ClusterEventListener} services receive what happens on the node.
 * <p>
 * Every interface here except {@code ClusterEventListener} is implemented by Karabeat itself
 * ({@code @ProviderType}): adding a method to one is a minor version change of this package.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.karabeat.api;
