/**
 * Plugin contracts for resource and fencing agents.
 * <p>
 * An agent is a Declarative Services component in its own bundle that provides
 * {@link org.karabeat.spi.ResourceAgent} (or {@link org.karabeat.spi.FencingAgent}) with a service
 * property naming the type(s) it handles ({@link org.karabeat.spi.ResourceAgent#TYPE},
 * {@link org.karabeat.spi.FencingAgent#TYPE}). The node tracks agents as a whiteboard: a type that
 * appears later (bundle dropped into {@code deploy/}) is usable at once.
 * <p>
 * The agent interfaces are {@code @ConsumerType}: agent authors implement them, so adding a method to
 * one is a major version change of this package. The request interfaces are {@code @ProviderType}:
 * the node implements them.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.karabeat.spi;
