package org.karabeat.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.json.JsonObject;
import javax.json.JsonReader;

import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * {@code bin/karabeat} as administrators and systemd run it: a real process from a fresh copy of the
 * distribution, stdin at /dev/null, no terminal.
 */
public class LauncherIT {

    private static Path home;
    private static Path work;
    private NodeProcess node;

    @BeforeClass
    public static void unpack() throws Exception {
        home = Distribution.unpackFresh("launcher");
        work = home.getParent().resolve("nodes");
    }

    @After
    public void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    private NodeProcess node(String name, String haCf, String haresources) throws Exception {
        Path base = work.resolve(name);
        Path conf = TestCluster.write(base.resolve("ha.d"), haCf, haresources);
        node = new NodeProcess(home, base, Map.of("KARABEAT_CONF", conf.toString()));
        // bin/karabeat creates the per-node etc/ from the installation; then give the node its demo name
        assertEquals(0, node.karabeat("verify", "--help").exit());
        Path cfg = base.resolve("etc/org.karabeat.node.cfg");
        Files.writeString(cfg, Files.readString(cfg).replace("node.name =", "node.name = hb1")
                .replace("state.directory = /var/lib/heartbeat", "state.directory = " + base.resolve("state")));
        return node;
    }

    @Test
    public void runsWithoutTerminalAnswersStatusSurvivesAMinuteAndStopsOnSigterm() throws Exception {
        Path logDir = work.resolve("main-logs");
        node("main", TestCluster.haCf(logDir), TestCluster.HARESOURCES);
        long started = System.nanoTime();
        Process p = node.startRun();
        long readyMillis = node.awaitReady(90_000);
        System.out.printf("run to ready on a fresh copy: %d ms%n", readyMillis);

        // the PID we started is the JVM (exec, no wrapper), with no terminal and stdin at /dev/null
        String cmdline = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).replace('\0', ' ');
        assertTrue(cmdline, cmdline.contains("org.karabeat.launcher.NodeMain run"));
        assertEquals("/dev/null", Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "fd", "0")).toString());
        String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertEquals("tty_nr of the node", "0", fields[4]);

        NodeProcess.Result status = node.karabeat("status");
        assertEquals(status.toString(), 0, status.exit());
        assertTrue(status.out(), status.out().contains("hb1") && status.out().contains("type missing"));
        NodeProcess.Result json = node.karabeat("status", "--json");
        assertEquals(json.toString(), 0, json.exit());
        try (JsonReader r = new org.apache.johnzon.core.JsonProviderImpl().createReader(new StringReader(json.out()))) {
            JsonObject o = r.readObject();
            assertEquals("hb1", o.getString("localNode"));
            assertEquals("hb2", o.getJsonArray("nodes").getJsonObject(1).getString("name"));
        }
        // features were installed at build time: the first boot changes nothing, and logs no error
        Path karafLog = node.base().resolve("data/log/karaf.log");
        awaitFile(karafLog, "No deployment change.");
        String boot = Files.readString(karafLog);
        assertFalse(boot, boot.contains("Changes to perform"));
        assertFalse(boot, boot.contains("| ERROR |"));
        NodeProcess.Result features = node.karabeat("shell", "feature:list -i");
        assertTrue(features.toString(), Pattern.compile("(?m)^karabeat\\s+\\|.*\\|\\s*Started").matcher(features.out()).find());

        NodeProcess.Result shell = node.karabeat("shell", "hb:status");
        assertEquals(shell.toString(), 0, shell.exit());
        NodeProcess.Result unknown = node.karabeat("shell", "hb:no-such-command");
        assertNotEquals(unknown.toString(), 0, unknown.exit());

        // heartbeat-style log lines, with the node's PID, in the logfile ha.cf names
        Path log = logDir.resolve("heartbeat.log");
        String text = Files.readString(log, StandardCharsets.UTF_8);
        Pattern line = Pattern.compile("(?m)^[A-Z][a-z]{2} \\d{2} \\d{2}:\\d{2}:\\d{2} \\S+ heartbeat: \\[" + p.pid()
                + "\\]: info: Configuration validated\\. Starting Karabeat .*$");
        assertTrue(text, line.matcher(text).find());

        // logrotate moves the file away: the next message goes to a new file
        Files.move(log, logDir.resolve("heartbeat.log.1"));
        Thread.sleep(1_100);
        assertEquals(0, node.karabeat("shell", "hb:verify").exit());
        awaitFile(log, "log-rotate detected on logfile " + log);
        assertTrue(Files.readString(log).contains("ran 'hb:verify'"));

        // still alive and answering after 60 s
        long remaining = 60_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (remaining > 0) {
            Thread.sleep(remaining);
        }
        assertTrue("node alive after 60 s", p.isAlive());
        assertEquals(0, node.karabeat("status").exit());

        long stopStart = System.nanoTime();
        p.destroy(); // SIGTERM
        assertTrue("node stopped within 20 s of SIGTERM", p.waitFor(20, TimeUnit.SECONDS));
        System.out.printf("SIGTERM to exit: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopStart));
        assertEquals("exit code after SIGTERM; stderr: " + node.runStderr(), 0, p.exitValue());
        assertFalse("control socket removed", Files.exists(node.base().resolve("data/karabeat.sock")));
        NodeProcess.Result after = node.karabeat("status");
        assertEquals(after.toString(), 3, after.exit());
    }

    @Test
    public void sigintStopsTheNodeWithExitZeroToo() throws Exception {
        node("sigint", TestCluster.haCf(work.resolve("sigint-logs")), TestCluster.HARESOURCES);
        Process p = node.startRun();
        node.awaitReady(90_000);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(node.runStderr(), 0, p.exitValue());
    }

    @Test
    public void consoleRunsCommandsAndShutdownStopsTheNodeWithExitZero() throws Exception {
        node("console", TestCluster.haCf(work.resolve("console-logs")), TestCluster.HARESOURCES);
        Process p = node.startConsole();
        node.awaitReady(90_000);
        try (java.io.Writer in = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            in.write("hb:status\n");
            in.flush();
            awaitFile(node.base().resolve("run.out"), "Karabeat node hb1, cluster");
            in.write("system:shutdown -f\n");
            in.flush();
            assertTrue("console node stopped", p.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(node.runStderr(), 0, p.exitValue());
        assertTrue(node.runStdout(), node.runStdout().contains("Karabeat"));
    }

    @Test
    public void aScriptLoadsStartsAndUnloadsAnAgentThroughBinKarabeat() throws Exception {
        Path state = work.resolve("script-state").resolve("web.state");
        Files.createDirectories(state.getParent());
        String dummy = "Dummy::" + state;
        node("script", TestCluster.haCf(work.resolve("script-logs")), "hb1 " + dummy + "\n");
        Process p = node.startRun();
        node.awaitReady(90_000);

        NodeProcess.Result load = node.karabeat("shell", "hb:load-type file:" + System.getProperty("karabeat.sample.dummy"));
        assertEquals(load.toString(), 0, load.exit());
        assertTrue(load.out(), load.out().contains("Dummy bound"));
        NodeProcess.Result status = node.karabeat("status");
        assertTrue(status.out(), status.out().contains("org.karabeat.samples.resource-dummy"));

        assertEquals(0, node.karabeat("shell", "hb:resource start " + dummy).exit());
        assertTrue(Files.exists(state));
        NodeProcess.Result refused = node.karabeat("shell", "hb:unload-type Dummy");
        assertEquals(refused.toString(), 1, refused.exit());
        assertTrue(refused.err(), refused.err().contains(dummy));
        NodeProcess.Result forced = node.karabeat("shell", "hb:unload-type --force Dummy");
        assertEquals(forced.toString(), 0, forced.exit());
        assertFalse(Files.exists(state));
        assertTrue(node.karabeat("status").out().contains("type missing"));
        assertTrue("the node kept running", p.isAlive());
    }

    @Test
    public void aBadConfigurationExitsOneNamingFileAndLine() throws Exception {
        node("bad", "node hb1 hb2\nkeepalive 1\nkepalive 2\nucast lo 127.0.0.2\nudpport 16941\n",
                TestCluster.HARESOURCES);
        Process p = node.startRun();
        assertTrue("exits promptly", p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(node.runStderr(), 1, p.exitValue());
        String err = node.runStderr();
        assertTrue(err, err.contains("/ha.cf:3:") && err.contains("kepalive"));
    }

    @Test
    public void authkeysReadableByOthersExitsSixAsHeartbeatDoes() throws Exception {
        node("mode", TestCluster.haCf(work.resolve("mode-logs")), TestCluster.HARESOURCES);
        TestCluster.writeAuthkeys(node.base().resolve("ha.d"), "rw-r--r--");
        Process p = node.startRun();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(node.runStderr(), 6, p.exitValue());
        assertTrue(node.runStderr(), node.runStderr().contains("chmod 600"));
    }

    @Test
    public void verifyChecksADirectoryWithoutANode() throws Exception {
        node("verify", TestCluster.haCf(work.resolve("verify-logs")), TestCluster.HARESOURCES);
        Path dir = node.base().resolve("ha.d");
        NodeProcess.Result ok = node.karabeat("verify", "--node", "hb2", dir.toString());
        assertEquals(ok.toString(), 0, ok.exit());
        Files.writeString(dir.resolve("haresources"), "hb3 IPaddr::192.0.2.200/24/lo:0\n");
        NodeProcess.Result bad = node.karabeat("verify", "--node", "hb1", dir.toString());
        assertEquals(bad.toString(), 1, bad.exit());
        assertTrue(bad.err(), bad.err().contains("/haresources:1:"));
        assertEquals(2, node.karabeat("verify", "--no-such-option").exit());
    }

    @Test
    public void startAndStopManageABackgroundNodeWithAPidFile() throws Exception {
        node("bg", TestCluster.haCf(work.resolve("bg-logs")), TestCluster.HARESOURCES);
        NodeProcess.Result start = node.karabeat("start");
        assertEquals(start.toString(), 0, start.exit());
        Path pidFile = node.base().resolve("data/karabeat.pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        try {
            assertEquals(0, node.karabeat("status").exit());
            // a second node on the same KARABEAT_BASE refuses to start and leaves the first one alone
            Process second = node.startRun();
            assertTrue("second node exits", second.waitFor(60, TimeUnit.SECONDS));
            assertEquals(node.runStderr(), 5, second.exitValue());
            assertTrue(node.runStderr(), node.runStderr().contains("another instance is running"));
            assertEquals(0, node.karabeat("status").exit());

            NodeProcess.Result stop = node.karabeat("stop");
            assertEquals(stop.toString(), 0, stop.exit());
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            assertEquals(3, node.karabeat("status").exit());
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static void awaitFile(Path file, String content) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(content)) {
                return;
            }
            Thread.sleep(100);
        }
        String text = Files.exists(file) ? Files.readString(file) : "(missing)";
        // the end is what tells; a console's output can be long
        throw new AssertionError(file + " does not contain '" + content + "'; it ends with: "
                + text.substring(Math.max(0, text.length() - 2000)));
    }
}
