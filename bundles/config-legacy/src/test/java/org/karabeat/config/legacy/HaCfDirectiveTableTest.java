package org.karabeat.config.legacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.karabeat.api.ConfigFinding;
import org.karabeat.config.legacy.HaCfDirective.Kind;
import org.karabeat.config.legacy.HaCfDirective.Support;

/** The directive table is complete, and every directive in it is read, with the support it claims. */
public class HaCfDirectiveTableTest {

    /** heartbeat 3.0.6: config.c Directives[] and WLdirectives[], and the HBcomm plugins Debian ships. */
    private static final List<String> HEARTBEAT_306 = List.of("cluster", "node", "hopfudge", "keepalive",
            "deadtime", "deadping", "initdead", "warntime", "watchdog", "baud", "udpport", "logfacility", "logfile",
            "debugfile", "nice_failback", "auto_failback", "rtprio", "hbgenmethod", "realtime", "debug", "msgfmt",
            "use_logd", "conn_logd_time", "use_apphbd", "log_badpack", "syslogmsgfmt", "coredumps", "coreroot",
            "crm_daemon_dir", "crmd_spawns_pengine", "crm", "pacemaker", "autojoin", "uuidfrom", "compression",
            "compression_threshold", "traditional_compression", "env", "max_rexmit_delay",
            "record_config_changes", "record_pengine_inputs", "enable_config_writes", "memreserve", "quorum_server",
            "stonith", "stonith_host", "apiauth", "respawn", "failfast", "bcast", "ucast", "mcast", "ucast6",
            "mcast6", "serial", "ping", "ping6", "ping_group");

    /** A valid line for each directive. */
    private static final Map<String, String> SAMPLES = new LinkedHashMap<>();

    static {
        for (String line : List.of("cluster mycluster", "node hb3", "hopfudge 2", "keepalive 1", "deadtime 10",
                "deadping 10", "initdead 60", "warntime 5", "watchdog /dev/watchdog", "baud 19200", "udpport 694",
                "logfacility local0", "logfile /var/log/ha-log", "debugfile /var/log/ha-debug",
                "nice_failback on", "auto_failback on", "rtprio 50", "hbgenmethod time", "realtime on", "debug 1",
                "normalpoll on", "msgfmt netstring", "use_logd yes", "conn_logd_time 60", "use_apphbd no",
                "log_badpack off", "syslogmsgfmt off", "coredumps on", "coreroot /var/lib/heartbeat/cores",
                "crm_daemon_dir /usr/lib/pacemaker", "crmd_spawns_pengine yes", "crm off", "pacemaker false",
                "autojoin none", "uuidfrom nodename", "compression bz2", "compression_threshold 2",
                "traditional_compression no", "env STOPRETRYMAX=5", "max_rexmit_delay 100",
                "record_config_changes on", "record_pengine_inputs on", "enable_config_writes on",
                "memreserve 6500", "quorum_server qs.example.com", "stonith external/ipmi /etc/ha.d/ipmi.cfg",
                "stonith_host * null hb1 hb2", "apiauth ipfail gid=haclient uid=hacluster",
                "respawn hacluster /usr/libexec/heartbeat/ipfail", "failfast hacluster /usr/lib/foo/bar -x",
                "bcast ens160", "ucast ens160 192.168.0.30", "mcast ens160 239.0.0.1 694 1 0",
                "ucast6 ens160 fe80::1", "mcast6 ens160 ff02::1:2 694 1 0", "serial /dev/ttyS0",
                "ping 192.168.0.1", "ping6 fe80::1", "ping_group routers 192.168.0.1 192.168.0.2", "udp ens160")) {
            SAMPLES.put(line.substring(0, line.indexOf(' ')), line);
        }
    }

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void tableHoldsEveryHeartbeatDirectiveOnce() {
        List<String> names = HaCfDirective.table().stream().map(HaCfDirective::name).collect(Collectors.toList());
        assertEquals("duplicates", names.size(), Set.copyOf(names).size());
        assertTrue(names.containsAll(HEARTBEAT_306));
        // Beyond heartbeat's tables: the udp alias and normalpoll (not compiled into 3.0.6 on Linux).
        assertEquals(Set.of("udp", "normalpoll"), names.stream().filter(n -> !HEARTBEAT_306.contains(n))
                .collect(Collectors.toSet()));
        assertEquals(Support.REFUSED, HaCfDirective.find("normalpoll").get().support());
    }

    @Test
    public void classicDefaultsAreHeartbeats() {
        Map<String, String> expected = Map.ofEntries(Map.entry("cluster", "linux-ha"), Map.entry("hopfudge", "1"),
                Map.entry("keepalive", "1000ms"), Map.entry("deadtime", "30000ms"), Map.entry("baud", "19200"),
                Map.entry("auto_failback", "legacy"), Map.entry("hbgenmethod", "file"),
                Map.entry("realtime", "true"), Map.entry("normalpoll", "true"), Map.entry("msgfmt", "classic"),
                Map.entry("conn_logd_time", "60"), Map.entry("log_badpack", "true"),
                Map.entry("syslogmsgfmt", "true"), Map.entry("coredumps", "true"), Map.entry("pacemaker", "false"),
                Map.entry("autojoin", "none"), Map.entry("uuidfrom", "file"), Map.entry("compression", "zlib"),
                Map.entry("compression_threshold", "2"), Map.entry("traditional_compression", "no"),
                Map.entry("max_rexmit_delay", "250"), Map.entry("record_config_changes", "on"),
                Map.entry("record_pengine_inputs", "on"), Map.entry("enable_config_writes", "on"),
                Map.entry("memreserve", "6500"));
        Map<String, String> actual = HaCfDirective.table().stream().filter(d -> d.classicDefault().isPresent())
                .collect(Collectors.toMap(HaCfDirective::name, d -> d.classicDefault().get()));
        assertEquals(expected, actual);
    }

    @Test
    public void kindsFollowHeartbeatsParsers() {
        for (String wholeLine : List.of("stonith", "stonith_host", "apiauth", "respawn", "failfast")) {
            assertEquals(wholeLine, Kind.WHOLE_LINE, HaCfDirective.find(wholeLine).get().kind());
        }
        for (String lineMedium : List.of("ucast", "mcast", "ucast6", "mcast6", "ping_group")) {
            assertEquals(lineMedium, Kind.MEDIUM_LINE, HaCfDirective.find(lineMedium).get().kind());
        }
        for (String wordMedium : List.of("bcast", "serial", "ping", "ping6", "udp")) {
            assertEquals(wordMedium, Kind.MEDIUM, HaCfDirective.find(wordMedium).get().kind());
        }
    }

    @Test
    public void everyIgnoredOrRefusedDirectiveSaysWhy() {
        for (HaCfDirective d : HaCfDirective.table()) {
            if (d.support() != Support.SUPPORTED) {
                assertFalse(d.name() + " has no reason", d.note().isBlank());
            }
            assertFalse(d.name() + " has no explanation", d.explanation().isBlank());
        }
    }

    @Test
    public void everyDirectiveIsReadWithTheSupportTheTableClaims() throws IOException {
        assertEquals("a sample line for each directive", HaCfDirective.table().stream().map(HaCfDirective::name)
                .collect(Collectors.toSet()), SAMPLES.keySet());
        for (HaCfDirective d : HaCfDirective.table()) {
            ConfigDir dir = new ConfigDir(tmp.newFolder(d.name()).toPath())
                    .haCf("node hb1 hb2\nucast ens160 192.168.0.29\n" + SAMPLES.get(d.name()) + "\n")
                    .mode("ha.cf", "rw-------");
            List<ConfigFinding> onLine = dir.load("hb1").findings().stream().filter(f -> f.line() == 3)
                    .collect(Collectors.toList());
            boolean error = onLine.stream().anyMatch(ConfigFinding::isError);
            boolean warned = onLine.stream().anyMatch(f -> !f.isError() && f.directive().equals(d.name()));
            assertEquals(d.name() + ": " + onLine, d.support() == Support.REFUSED, error);
            if (d.support() == Support.IGNORED_WITH_WARNING) {
                assertTrue(d.name() + " is ignored without a warning: " + onLine, warned);
            }
            if (d.support() == Support.SUPPORTED && !d.name().equals("udp")) {
                assertTrue(d.name() + " is supported but warned about: " + onLine, onLine.isEmpty());
            }
        }
    }
}
