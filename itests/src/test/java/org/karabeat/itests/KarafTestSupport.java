package org.karabeat.itests;

import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.karabeat.api.ClusterService;
import org.karabeat.api.ResourceStatus;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.BundleContext;

/**
 * The assembled distribution in Pax Exam: a node named hb1 on a configuration directory the test writes,
 * Maven artifacts from the local repository only, and shell commands run as the local console's admin.
 */
public abstract class KarafTestSupport {

    @Inject
    protected BundleContext context;

    @Inject
    protected ClusterService cluster;

    @Inject
    protected SessionFactory sessions;

    /** The output of the last {@link #shell} call, also when it threw. */
    protected String lastOutput = "";

    /** The options every test container needs, for a node on configuration directory {@code conf}. */
    protected static Option[] node(Path conf, Option... more) {
        String repo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        Option[] base = {
            karafDistributionConfiguration()
                .frameworkUrl("file:" + System.getProperty("karabeat.distribution"))
                .karafVersion("4.4.10").name("Karabeat").unpackDirectory(new File("target/pax-exam"))
                .useDeployFolder(false),
            keepRuntimeFolder(),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.INFO),
            editConfigurationFilePut("etc/org.karabeat.node.cfg", "node.name", "hb1"),
            editConfigurationFilePut("etc/org.karabeat.node.cfg", "ha.directory", conf.toString()),
            // never the host's /var/lib/heartbeat: hb_uuid and hb_generation go beside the test's config
            editConfigurationFilePut("etc/org.karabeat.node.cfg", "state.directory",
                    conf.resolveSibling(conf.getFileName() + "-state").toString()),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", repo),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
            // the reactor's own artifacts (the samples) first: `mvn verify` does not install them
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                    "file:" + System.getProperty("karabeat.test.repository") + "@id=reactor@snapshots, file:" + repo
                            + "@id=local@snapshots"),
            vmOptions(JavaOptions.KARAF_JAVA17)
        };
        Option[] all = new Option[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** Runs a shell command as the local console's administrator would; returns its output. */
    protected String shell(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        // command ACLs apply: run with the roles Karaf gives its local console user
        Subject admin = new Subject();
        admin.getPrincipals().add(new UserPrincipal("karaf"));
        for (String role : List.of("admin", "manager", "viewer", "systembundles")) {
            admin.getPrincipals().add(new RolePrincipal(role));
        }
        try (Session s = sessions.create(new ByteArrayInputStream(new byte[0]), ps, ps)) {
            try {
                Object result;
                try {
                    result = Subject.doAs(admin, (PrivilegedExceptionAction<Object>) () -> s.execute(command));
                } catch (PrivilegedActionException e) {
                    throw e.getException();
                }
                if (result != null) {
                    ps.println(result);
                }
            } finally {
                lastOutput = out.toString(StandardCharsets.UTF_8);
            }
        }
        return lastOutput;
    }

    /** Runs a shell command that must fail; returns the failure's message. */
    protected String shellFails(String command) throws Exception {
        try {
            String out = shell(command);
            fail(command + " must fail, printed: " + out);
            return out;
        } catch (Exception e) {
            return String.valueOf(e.getMessage());
        }
    }

    /** The resource of haresources with this spec, as the node sees it now. */
    protected Optional<ResourceStatus> resource(String spec) {
        return cluster.status().groups().stream().flatMap(g -> g.resources().stream())
                .filter(r -> r.spec().equals(spec)).findFirst();
    }

    /** Waits (at most 20 s) until the resource matches {@code condition}; returns it. */
    protected ResourceStatus awaitResource(String spec, Predicate<ResourceStatus> condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            Optional<ResourceStatus> r = resource(spec);
            if (r.isPresent() && condition.test(r.get())) {
                return r.get();
            }
            if (System.nanoTime() > deadline) {
                fail(spec + ": " + what + " not reached within 20 s; now " + r);
            }
            Thread.sleep(50);
        }
    }
}
