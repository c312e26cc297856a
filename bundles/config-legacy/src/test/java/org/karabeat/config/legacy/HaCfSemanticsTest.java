package org.karabeat.config.legacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** What a valid ha.cf becomes: defaults, derived values, parameter table, media, mappings. */
public class HaCfSemanticsTest {

    private static final String MINIMAL = "node hb1 hb2\nucast eth0 10.0.0.2\nlogfacility daemon\nauto_failback on\n";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private ConfigDir dir;

    @Before
    public void setUp() throws IOException {
        dir = new ConfigDir(tmp.getRoot().toPath()).haresources("hb1 apache2\n");
    }

    private HaCf haCf(String text) throws IOException {
        return dir.haCf(text).config("hb1").haCf();
    }

    private List<String> findings(String text) throws IOException {
        return dir.findings(dir.haCf(text).load("hb1"));
    }

    @Test
    public void everyDefaultIsHeartbeats() throws IOException {
        HaCf cf = haCf(MINIMAL);
        assertEquals("linux-ha", cf.clusterName());
        assertEquals(List.of("hb1", "hb2"), cf.nodes());
        assertEquals(Duration.ofSeconds(1), cf.keepalive());
        assertEquals(Duration.ofSeconds(30), cf.deadtime());
        assertEquals(Duration.ofSeconds(15), cf.warntime());
        assertEquals(Duration.ofSeconds(30), cf.initdead());
        assertEquals(Duration.ofSeconds(30), cf.deadping());
        assertEquals(694, cf.udpport());
        assertEquals(1, cf.hopfudge());
        assertEquals(0, cf.debugLevel());
        assertEquals(AutoFailback.ON, cf.autoFailback());
        assertEquals(Optional.of("daemon"), cf.logfacility());
        assertEquals(Optional.empty(), cf.logfile());
        assertEquals(Optional.empty(), cf.debugfile());
        assertFalse(cf.useLogd());
        assertTrue(cf.syslogFormat());
        assertTrue(cf.logBadPackets());
        assertFalse(cf.netstringFormat());
        assertFalse(cf.timeBasedGeneration());
        assertFalse(cf.uuidFromNodename());
        assertEquals(Duration.ofMillis(250), cf.maxRexmitDelay());
        assertTrue(cf.realtime());
        assertEquals(1, cf.realtimePriority());
        assertEquals(List.of(), cf.stonith());
        assertEquals(Map.of(), cf.env());
    }

    @Test
    public void realtimeAndRtprioAreRead() throws IOException {
        HaCf off = haCf(MINIMAL + "realtime off\nrtprio 50\n");
        assertFalse(off.realtime());
        assertEquals(50, off.realtimePriority());
        assertEquals("off", off.parameters().get("realtime"));
        assertEquals("50", off.parameters().get("rtprio"));
        HaCf on = haCf(MINIMAL + "realtime yes\nrtprio 99\n");
        assertTrue(on.realtime());
        assertEquals(99, on.realtimePriority());
        assertEquals(List.of(), findings(MINIMAL + "realtime on\nrtprio 1\n"));
    }

    @Test
    public void rtprioOutsideOneToNinetyNineIsAnError() throws IOException {
        assertEquals(List.of("{dir}/ha.cf:5: ERROR: rtprio: value 100 is out of range: expected a whole number from 1 to"
                + " 99"), findings(MINIMAL + "rtprio 100\n"));
    }

    @Test
    public void parameterTableIsHeartbeatsWithDefaultsInTableOrder() throws IOException {
        // Checked against the HA_* environment heartbeat 3.0.6 gives a resource script for this file.
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("cluster", "linux-ha");
        expected.put("hopfudge", "1");
        expected.put("keepalive", "1000ms");
        expected.put("deadtime", "30000ms");
        expected.put("deadping", "30000ms");
        expected.put("initdead", "30000ms");
        expected.put("warntime", "15000ms");
        expected.put("baud", "19200");
        expected.put("udpport", "694");
        expected.put("logfacility", "daemon");
        expected.put("logfile", "/dev/null");
        expected.put("debugfile", "/dev/null");
        expected.put("auto_failback", "on");
        expected.put("hbgenmethod", "file");
        expected.put("realtime", "true");
        expected.put("debug", "0");
        expected.put("msgfmt", "classic");
        expected.put("conn_logd_time", "60");
        expected.put("log_badpack", "true");
        expected.put("syslogmsgfmt", "true");
        expected.put("coredumps", "true");
        expected.put("pacemaker", "false");
        expected.put("autojoin", "none");
        expected.put("uuidfrom", "file");
        expected.put("compression", "zlib");
        expected.put("compression_threshold", "2");
        expected.put("traditional_compression", "no");
        expected.put("max_rexmit_delay", "250");
        expected.put("record_config_changes", "on");
        expected.put("record_pengine_inputs", "on");
        expected.put("enable_config_writes", "on");
        expected.put("memreserve", "6500");
        Map<String, String> actual = haCf(MINIMAL).parameters();
        assertEquals(expected, actual);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
    }

    @Test
    public void parameterValuesAreKeptAsWritten() throws IOException {
        Map<String, String> p = haCf("node hb1 hb2\nucast eth0 10.0.0.2\nkeepalive 2\ndeadtime 10000ms\n"
                + "crm off\nauto_failback yes\n").parameters();
        assertEquals("2", p.get("keepalive"));
        assertEquals("10000ms", p.get("deadtime"));
        assertEquals("5000ms", p.get("warntime"));
        assertEquals("20000ms", p.get("initdead"));
        assertEquals("off", p.get("pacemaker"));
        assertEquals("yes", p.get("auto_failback"));
        assertEquals("yes", p.get("use_logd")); // no log line: heartbeat turns logd on and records it
        assertFalse(p.containsKey("crm"));
        assertFalse(p.containsKey("node"));
        assertFalse(p.containsKey("logfile"));
    }

    @Test
    public void initdeadDefaultFollowsInitConfig() throws IOException {
        Map<String, Long> deadtimeToInitdead = Map.of("3", 12000L, "5.5", 12000L, "6", 12000L, "8", 16000L,
                "10", 20000L, "10.001", 10001L, "60", 60000L);
        for (Map.Entry<String, Long> e : deadtimeToInitdead.entrySet()) {
            HaCf cf = haCf(MINIMAL + "deadtime " + e.getKey() + "\n");
            assertEquals("deadtime " + e.getKey(), Duration.ofMillis(e.getValue()), cf.initdead());
        }
    }

    @Test
    public void useLogdDefaultsOnOnlyWithoutAnyLogDestination() throws IOException {
        String base = "node hb1 hb2\nucast eth0 10.0.0.2\nauto_failback on\n";
        assertTrue(haCf(base).useLogd());
        assertTrue(haCf(base + "logfacility none\n").useLogd());
        assertFalse(haCf(base + "logfile /var/log/ha-log\n").useLogd());
        assertFalse(haCf(base + "debugfile /var/log/ha-debug\n").useLogd());
        assertTrue(haCf(base + "logfile /var/log/ha-log\nuse_logd on\n").useLogd());
        assertEquals(Optional.empty(), haCf(base + "logfacility none\n").logfacility());
    }

    @Test
    public void nodesAreLowerCasedAndSplitOnBlanksAndCommas() throws IOException {
        HaCf cf = haCf("node HB1,Hb2\tnode3 # the third one is new\nnode hb4\nucast eth0 10.0.0.2\n"
                + "logfacility daemon\nauto_failback on\n");
        assertEquals(List.of("hb1", "hb2", "node3", "hb4"), cf.nodes());
    }

    @Test
    public void commentsAndWindowsLineEndsAreIgnoredInHaCf() throws IOException {
        HaCf cf = haCf("# cluster of two\r\nnode hb1 hb2   # both\r\n  keepalive 2#seconds\r\nucast eth0 10.0.0.2\r\n"
                + "\tlogfacility daemon\r\nauto_failback off\r\n");
        assertEquals(Duration.ofSeconds(2), cf.keepalive());
        assertEquals(AutoFailback.OFF, cf.autoFailback());
    }

    @Test
    public void lastValueWinsWithAWarning() throws IOException {
        String text = MINIMAL + "keepalive 1 2\ndeadtime 20\ndeadtime 40\n";
        assertEquals(Duration.ofSeconds(2), haCf(text).keepalive());
        assertEquals(Duration.ofSeconds(40), haCf(text).deadtime());
        assertEquals(List.of("{dir}/ha.cf:5: WARNING: keepalive: 2 values given (1 2): heartbeat uses the last one,"
                + " '2'", "{dir}/ha.cf:7: WARNING: deadtime: deadtime is already set on line 6; this later value"
                + " replaces it"), findings(text));
    }

    @Test
    public void mediaKeepTheirFieldsAndHeartbeatsPorts() throws IOException {
        HaCf cf = haCf("node hb1 hb2\nbcast eth0,eth1\nudpport 7000\nucast eth2 10.0.0.2\n"
                + "mcast eth3 239.1.2.3 7001 1 1\nlogfacility daemon\nauto_failback on\n");
        assertEquals(List.of(new BcastMedium(2, "eth0", 694), new BcastMedium(2, "eth1", 694),
                new UcastMedium(4, "eth2", "10.0.0.2", 7000), new McastMedium(5, "eth3", "239.1.2.3", 7001, 1, true)),
                cf.media());
        assertEquals(7000, cf.udpport());
        assertEquals(Medium.Kind.BCAST, cf.media().get(0).kind());
    }

    @Test
    public void udpAliasIsBcast() throws IOException {
        assertEquals(List.of(new BcastMedium(2, "eth0", 694)),
                haCf("node hb1 hb2\nudp eth0\nlogfacility daemon\nauto_failback on\n").media());
    }

    @Test
    public void niceFailbackIsMappedAsHeartbeatMapsIt() throws IOException {
        String base = "node hb1 hb2\nucast eth0 10.0.0.2\nlogfacility daemon\n";
        assertEquals(AutoFailback.LEGACY, haCf(base + "nice_failback on\n").autoFailback());
        assertEquals(AutoFailback.LEGACY, haCf(base + "nice_failback off\n").autoFailback());
        assertEquals(AutoFailback.OFF, haCf(base + "auto_failback on\nnice_failback on\n").autoFailback());
        assertEquals(AutoFailback.OFF, haCf(base + "auto_failback off\nnice_failback off\n").autoFailback());
        assertEquals(AutoFailback.ON, haCf(base + "nice_failback on\nauto_failback on\n").autoFailback());
        assertEquals(AutoFailback.LEGACY, haCf(base + "auto_failback legacy\nnice_failback on\n").autoFailback());
        assertEquals(AutoFailback.LEGACY, haCf(base + "auto_failback LEGACY\n").autoFailback());
    }

    @Test
    public void envIsExportedWithTheHaPrefix() throws IOException {
        HaCf cf = haCf(MINIMAL + "env STOPRETRYMAX=5 DB=main,EMPTY=\n");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("HA_STOPRETRYMAX", "5");
        expected.put("HA_DB", "main");
        expected.put("HA_EMPTY", "");
        assertEquals(expected, cf.env());
    }

    @Test
    public void stonithLinesForThisNodeAreAllKeptInOrder() throws IOException {
        dir.mode("ha.cf", "rw-------");
        HaCf cf = dir.haCf(MINIMAL + "stonith_host hb2 external/ipmi hb1 10.0.0.11 admin s3cr3tpw lanplus\n"
                + "stonith_host HB1 external/ipmi hb2 10.0.0.12 admin s3cr3tpw lanplus\n"
                + "stonith_host * meatware hb1 hb2\nstonith null /etc/ha.d/null.cfg\n").mode("ha.cf", "rw-------")
                .config("hb1").haCf();
        List<StonithDirective> devices = cf.stonith();
        assertEquals(3, devices.size());
        assertEquals(new StonithDirective(6, StonithDirective.Kind.STONITH_HOST, "hb1", "external/ipmi",
                List.of("hb2", "10.0.0.12", "admin", "s3cr3tpw", "lanplus"), Optional.empty()), devices.get(0));
        assertEquals("*", devices.get(1).fromHost());
        assertEquals(StonithDirective.Kind.STONITH, devices.get(2).kind());
        assertEquals(Optional.of("/etc/ha.d/null.cfg"), devices.get(2).configFile());
        assertFalse(devices.toString().contains("s3cr3tpw"));
        assertFalse(cf.toString().contains("s3cr3tpw"));
    }

    @Test
    public void otherNodesStonithLinesAreSkippedUnread() throws IOException {
        // heartbeat returns before reading the type of another node's line; so does Karabeat.
        assertEquals(List.of(), haCf(MINIMAL + "stonith_host hb2 no/such/type\n").stonith());
    }

    @Test
    public void crmOffIsFine() throws IOException {
        assertEquals(List.of(), findings(MINIMAL + "crm off\n"));
        assertEquals(List.of(), findings(MINIMAL + "pacemaker no\n"));
    }

    @Test
    public void seedValuesAreRead() throws IOException {
        HaCf cf = haCf(ConfigDir.SEED_HA_CF);
        assertEquals(Duration.ofSeconds(1), cf.keepalive());
        assertEquals(Duration.ofSeconds(10), cf.deadtime());
        assertEquals(Duration.ofSeconds(15), cf.initdead());
        assertEquals(Duration.ofSeconds(5), cf.warntime());
        assertEquals(Optional.of("/var/log/heartbeat.log"), cf.logfile());
        assertEquals(Optional.of("daemon"), cf.logfacility());
        assertEquals(AutoFailback.ON, cf.autoFailback());
        assertEquals(List.of(new UcastMedium(8, "ens160", "192.168.0.29", 694)), cf.media());
    }
}
