/**
 * The classic heartbeat 3.0.6 configuration files ({@code ha.cf}, {@code authkeys}, {@code haresources}),
 * read into immutable values.
 * <p>
 * {@link org.karabeat.config.legacy.LegacyConfigLoader} reads a directory and returns every finding
 * (errors and warnings, each naming file, line and directive) together with a
 * {@link org.karabeat.config.legacy.LegacyConfig} when there is no error.
 * {@link org.karabeat.config.legacy.ConfigLocator} decides which directory to read.
 * {@link org.karabeat.config.legacy.HaCfDirective#table()} lists every {@code ha.cf} directive with what
 * heartbeat does with it and what Karabeat does with it.
 * <p>
 * Everything here works on a plain class path as well as in OSGi; the only OSGi-specific class is
 * {@link org.karabeat.config.legacy.ConfigVerifierComponent}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.karabeat.config.legacy;
