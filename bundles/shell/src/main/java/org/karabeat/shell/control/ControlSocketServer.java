package org.karabeat.shell.control;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivilegedExceptionAction;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.security.auth.Subject;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.apache.karaf.util.jaas.JaasHelper;
import org.karabeat.api.ClusterService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel {@code bin/karabeat status} and {@code bin/karabeat shell 'hb:...'} use: a Unix socket in
 * the node's data directory, mode 0600 in a 0700 directory, that accepts only the node's own user and
 * root (checked with {@code SO_PEERCRED}). No password exists anywhere: the file system is the lock.
 * Each connection runs one shell command as an administrator and returns its output and exit code.
 */
@Component(immediate = true, configurationPid = ControlSettings.PID)
@Designate(ocd = ControlSettings.class)
public class ControlSocketServer {

    private static final Logger LOG = LoggerFactory.getLogger(ControlSocketServer.class);

    @Reference
    private SessionFactory sessions;

    @Reference
    private ClusterService cluster;

    private ServerSocketChannel server;
    private Path socket;
    private ExecutorService workers;
    private ExecutorService runners;
    private Thread acceptor;
    private int timeoutSeconds;
    private final String owner = System.getProperty("user.name");

    @Activate
    void activate(ControlSettings settings) throws IOException {
        timeoutSeconds = settings.command_timeout_seconds();
        socket = settings.socket_path().isBlank()
                ? Path.of(System.getProperty("karaf.data", "data"), "karabeat.sock")
                : Path.of(settings.socket_path());
        Path dir = socket.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Files.deleteIfExists(socket); // left over from a killed node: nobody listens on it
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        workers = new ThreadPoolExecutor(1, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(16), r -> {
            Thread t = new Thread(r, "karabeat-control-client");
            t.setDaemon(true);
            return t;
        });
        // a fresh thread per command: Karaf's shell caches command visibility per thread
        runners = new ThreadPoolExecutor(0, 4, 0, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "karabeat-control-run");
            t.setDaemon(true);
            return t;
        });
        acceptor = new Thread(this::acceptLoop, "karabeat-control");
        acceptor.setDaemon(true);
        acceptor.start();
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        LOG.info("Karabeat node {} ready: control socket {} ({} ms after JVM start)", cluster.status().localNode(), socket,
                uptime);
    }

    @Deactivate
    void deactivate() throws IOException {
        server.close();
        workers.shutdownNow();
        runners.shutdownNow();
        Files.deleteIfExists(socket);
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                try {
                    workers.execute(() -> serve(ch));
                } catch (RejectedExecutionException e) {
                    reply(ch, 75, "", "karabeat: node busy, too many control requests\n");
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("control socket {}: {}", socket, e.getMessage());
            }
        }
    }

    private void serve(SocketChannel ch) {
        try (ch) {
            UnixDomainPrincipal peer = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
            String user = peer.user().getName();
            if (!user.equals(owner) && !user.equals("root")) {
                LOG.warn("control socket: refused user {} (only {} and root may control this node)", user, owner);
                reply(ch, 77, "", "karabeat: permission denied for user " + user + "\n");
                return;
            }
            String command = ControlProtocol.readRequest(Channels.newInputStream(ch));
            if (command == null || command.isEmpty()) {
                reply(ch, 2, "", "karabeat: empty or oversized command\n");
                return;
            }
            if (command.startsWith("hb:status")) {
                LOG.debug("control: {} ran '{}'", user, command); // monitors poll it: keep it out of the log
            } else {
                LOG.info("control: {} ran '{}'", user, command);
            }
            run(ch, user, command);
        } catch (IOException e) {
            LOG.debug("control socket: client went away: {}", e.getMessage());
        }
    }

    private void run(SocketChannel ch, String user, String command) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream pout = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream perr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            Subject subject = new Subject();
            subject.getPrincipals().add(new UserPrincipal(user));
            // root at the console of this host: the roles Karaf gives its local console user
            for (String role : System.getProperty("karaf.local.roles", "admin,manager,viewer,systembundles").split(",")) {
                subject.getPrincipals().add(new RolePrincipal(role.trim()));
            }
            // the command runs on its own thread so a hung one can be interrupted at the deadline
            Future<Object> result = runners.submit(() -> execute(subject, pout, perr, command));
            try {
                Object value = result.get(timeoutSeconds, TimeUnit.SECONDS);
                if (value != null) {
                    pout.println(value);
                }
                exit = 0;
            } catch (TimeoutException e) {
                result.cancel(true);
                perr.println("karabeat: command did not finish within " + timeoutSeconds + " s: " + command);
                exit = 124;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof CommandFailure ? e.getCause().getCause() : e.getCause();
                perr.println("Error executing command: " + (cause.getMessage() != null ? cause.getMessage() : cause));
                exit = cause != null && cause.getClass().getSimpleName().equals("CommandNotFoundException") ? 127 : 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exit = 130;
            }
        }
        reply(ch, exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs the command as the subject the way Karaf's ssh server runs one: Karaf checks command ACLs
     * against the subject of the calling thread's access control context.
     */
    private Object execute(Subject subject, PrintStream out, PrintStream err, String command) {
        try (Session session = sessions.create(new ByteArrayInputStream(new byte[0]), out, err)) {
            session.put(Subject.class.getName(), subject);
            return JaasHelper.doAs(subject, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } catch (java.security.PrivilegedActionException e) {
            throw new CommandFailure(e.getException());
        }
    }

    /** Carries a command's exception out of the executing thread. */
    private static final class CommandFailure extends RuntimeException {
        CommandFailure(Throwable cause) {
            super(cause);
        }
    }

    private static void reply(SocketChannel ch, int exit, String out, String err) {
        try {
            ControlProtocol.writeResponse(Channels.newOutputStream(ch), exit, out.getBytes(StandardCharsets.UTF_8),
                    err.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.debug("control socket: cannot answer: {}", e.getMessage());
        }
    }
}
