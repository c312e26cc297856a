/**
 * The conformance kit for Karabeat agents: what {@code ocf-tester} is to OCF resource agents, for
 * {@link org.karabeat.spi.ResourceAgent} and {@link org.karabeat.spi.FencingAgent} implementations.
 * <p>
 * An agent author runs it from a JUnit test, either by extending {@link
 * org.karabeat.spi.testkit.ResourceAgentConformanceTest} / {@link
 * org.karabeat.spi.testkit.FencingAgentConformanceTest}, or directly:
 * <pre>
 * ResourceAgentKit.forAgent(new MyAgent(), "MyType")
 *         .withParameters(Map.of("config", "/tmp/x.conf"))
 *         .withBadParameters(Map.of("config", "relative/path"))
 *         .withSlowParameters(Map.of("config", "/tmp/x.conf", "delay", "30"))
 *         .run()
 *         .assertPassed();
 * </pre>
 * The kit plays the node: it implements the requests ({@link org.karabeat.spi.testkit.KitResourceRequest},
 * {@link org.karabeat.spi.testkit.KitFenceRequest}), runs every operation on a thread of its own with the
 * request's timeout, interrupts it at the deadline as the node does, and reports every check by name
 * ({@link org.karabeat.spi.testkit.ResourceCheck}, {@link org.karabeat.spi.testkit.FencingCheck}) in a
 * {@link org.karabeat.spi.testkit.KitReport}. A check that cannot run is reported {@code NOT_RUN} with the
 * reason and counts as a failure unless the test skips it by name.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.karabeat.spi.testkit;
