package org.karabeat.launcher;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.main.Main;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code bin/karabeat run|console}: checks the configuration, then boots Karaf in this same JVM, so the PID
 * the caller started is the node. SIGTERM and SIGINT stop the framework gracefully within
 * {@code karaf.shutdown.timeout} and exit 0.
 * <p>
 * Exit codes: 0 stopped cleanly; 1 configuration error or a stop that did not finish in time; 6 authkeys
 * readable by group or others (as heartbeat).
 */
public final class NodeMain {

    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean console = args.length > 0 && args[0].equals("console");
        PrintStream err = System.err;

        NodeConfiguration.Check check = NodeConfiguration.check(System.getenv(), System.getProperties());
        check.print(err);
        if (check.exitCode() != 0) {
            err.println("karabeat: not started: configuration error" + (check.exitCode() == 6 ? " (authkeys permissions)" : ""));
            System.exit(check.exitCode());
        }

        // Karaf's own SIGTERM handler would exit with its exit code; ours also takes SIGINT and bounds the stop
        System.setProperty("karaf.handle.sigterm", "false");
        System.setProperty("karaf.startLocalConsole", Boolean.toString(console));
        System.setProperty("karaf.startRemoteShell", "false");
        long timeoutMillis = Long.getLong("karaf.shutdown.timeout", 20_000);

        Main main = new Main(new String[0]);
        CountDownLatch stopRequested = new CountDownLatch(1);
        try {
            main.launch();
        } catch (Throwable t) {
            err.println("karabeat: could not start the node: " + t);
            main.destroy();
            System.exit(1);
        }
        handle("TERM", main, stopRequested, timeoutMillis, err);
        if (!console) {
            // with a console, Ctrl-C belongs to the command being typed
            handle("INT", main, stopRequested, timeoutMillis, err);
        }
        main.awaitShutdown();
        boolean stopped = main.destroy();
        if (!stopped) {
            err.println("karabeat: the node did not stop within " + timeoutMillis + " ms");
        }
        System.exit(stopped ? 0 : 1);
    }

    private static void handle(String name, Main main, CountDownLatch once, long timeoutMillis, PrintStream err) {
        SignalHandler before = Signal.handle(new Signal(name),
                s -> requestStop(main, once, name, timeoutMillis));
        if (before == SignalHandler.SIG_IGN) {
            // the JVM keeps a signal ignored that was ignored when it started; bin/karabeat resets them
            err.println("karabeat: SIG" + name + " was ignored by the process that started the node: it will not stop it");
        }
    }

    private static void requestStop(Main main, CountDownLatch once, String signal, long timeoutMillis) {
        if (once.getCount() == 0) {
            return;
        }
        once.countDown();
        Framework framework = main.getFramework();
        Thread stopper = new Thread(() -> {
            try {
                framework.stop();
            } catch (BundleException e) {
                System.err.println("karabeat: error stopping the node: " + e.getMessage());
            }
        }, "karabeat-stop-" + signal);
        stopper.start();
        // a bundle that hangs in stop must not keep the node alive past the bound
        Thread watchdog = new Thread(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(timeoutMillis + 5_000);
                System.err.println("karabeat: stop did not complete, halting");
                Runtime.getRuntime().halt(1);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "karabeat-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
