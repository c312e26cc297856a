package org.karabeat.core.log;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.ops4j.pax.logging.spi.PaxLevel;
import org.ops4j.pax.logging.spi.PaxLocationInfo;
import org.ops4j.pax.logging.spi.PaxLoggingEvent;
import org.osgi.service.log.LogLevel;

public class HeartbeatLogAppenderTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path logfile;
    private Path debugfile;

    private HeartbeatLogAppender appender(int debugLevel) {
        logfile = tmp.getRoot().toPath().resolve("ha-log");
        debugfile = tmp.getRoot().toPath().resolve("ha-debug");
        LogSettings s = LogSettings.of(Optional.of(logfile.toString()), Optional.of(debugfile.toString()),
                Optional.empty(), false, true, debugLevel, Path.of("/nonexistent"), "hb1");
        return new HeartbeatLogAppender(s, new PrintStream(new ByteArrayOutputStream()), null, () -> 0L);
    }

    @Test
    public void logfileGetsAllButDebugAndDebugfileGetsEverything() throws Exception {
        try (HeartbeatLogAppender a = appender(1)) {
            a.doAppend(event("org.karabeat.core.X", 6, "hello", null, Map.of()));
            a.doAppend(event("org.karabeat.core.X", 7, "details", null, Map.of()));
            a.doAppend(event("org.karabeat.core.X", 4, "careful", null, Map.of()));
        }
        List<String> log = Files.readAllLines(logfile);
        List<String> debug = Files.readAllLines(debugfile);
        assertEquals(2, log.size());
        assertTrue(log.get(0), log.get(0).endsWith(" hb1 heartbeat: [" + ProcessHandle.current().pid() + "]: info: hello"));
        assertTrue(log.get(1), log.get(1).endsWith("WARN: careful"));
        assertEquals(3, debug.size());
        assertTrue(debug.get(1), debug.get(1).endsWith("debug: details"));
    }

    @Test
    public void debugMessagesNeedTheDebugDirective() throws Exception {
        try (HeartbeatLogAppender a = appender(0)) {
            a.doAppend(event("org.karabeat.core.X", 7, "details", null, Map.of()));
            a.doAppend(event("org.karabeat.core.X", 6, "info", null, Map.of()));
        }
        assertEquals(1, Files.readAllLines(debugfile).size());
    }

    @Test
    public void onlyKarabeatLoggersAndCritThroughTheMdc() throws Exception {
        try (HeartbeatLogAppender a = appender(0)) {
            a.doAppend(event("org.apache.felix.scr", 3, "not ours", null, Map.of()));
            a.doAppend(event("org.karabeat.core.X", 3, "Late heartbeat", null,
                    Map.of(HeartbeatLogAppender.PRIORITY_MDC, "crit")));
            a.doAppend(event("org.karabeat.core.X", 3, "failed", new String[] {"java.io.IOException: boom", "\tat x"},
                    Map.of()));
        }
        String log = Files.readString(logfile);
        assertFalse(log, log.contains("not ours"));
        assertTrue(log, log.contains("]: CRIT: Late heartbeat\n"));
        assertTrue(log, log.contains("]: ERROR: failed: java.io.IOException: boom\n"));
    }

    @Test
    public void logfacilitySendsEachMessageToSyslogAsHeartbeatDoes() throws Exception {
        Path socket = tmp.getRoot().toPath().resolve("dev-log");
        LogSettings s = LogSettings.of(Optional.empty(), Optional.empty(), Optional.of("local3"), false, true, 0,
                socket, "hb1");
        try (TestSyslogDaemon daemon = new TestSyslogDaemon(socket);
                HeartbeatLogAppender a = new HeartbeatLogAppender(s, new PrintStream(new ByteArrayOutputStream()))) {
            a.doAppend(event("org.karabeat.core.X", 4, "node hb2: is dead", null, Map.of()));
            String datagram = daemon.receive();
            // local3 (19) * 8 + warning (4) = 156
            assertTrue(datagram, datagram.startsWith("<156>"));
            assertTrue(datagram, datagram.endsWith(" heartbeat: [" + ProcessHandle.current().pid() + "]: WARN: node hb2: is dead"));
        }
    }

    @Test
    public void devNullMeansNoFileAsInHeartbeat() {
        LogSettings s = LogSettings.of(Optional.of("/dev/null"), Optional.empty(), Optional.of("daemon"), false, true, 0,
                Path.of("/dev/log"), "hb1");
        assertTrue(s.logfile().isEmpty());
        assertEquals(3, s.facility());
        LogSettings logd = LogSettings.of(Optional.empty(), Optional.empty(), Optional.empty(), true, true, 0,
                Path.of("/dev/log"), "hb1");
        assertEquals("use_logd without logfacility logs to syslog as daemon", 3, logd.facility());
    }

    private static PaxLoggingEvent event(String logger, int syslog, String message, String[] thrown,
            Map<String, Object> mdc) {
        PaxLevel level = new PaxLevel() {
            @Override
            public boolean isGreaterOrEqual(PaxLevel r) {
                return getSyslogEquivalent() <= r.getSyslogEquivalent();
            }

            @Override
            public LogLevel toLevel() {
                return LogLevel.INFO;
            }

            @Override
            public int getSyslogEquivalent() {
                return syslog;
            }
        };
        return new PaxLoggingEvent() {
            @Override
            public PaxLocationInfo getLocationInformation() {
                return null;
            }

            @Override
            public PaxLevel getLevel() {
                return level;
            }

            @Override
            public String getLoggerName() {
                return logger;
            }

            @Override
            public String getFQNOfLoggerClass() {
                return logger;
            }

            @Override
            public String getMessage() {
                return message;
            }

            @Override
            public String getRenderedMessage() {
                return message;
            }

            @Override
            public String getThreadName() {
                return "t";
            }

            @Override
            public String[] getThrowableStrRep() {
                return thrown;
            }

            @Override
            public boolean locationInformationExists() {
                return false;
            }

            @Override
            public long getTimeStamp() {
                return 0;
            }

            @Override
            public Map<String, Object> getProperties() {
                return mdc;
            }
        };
    }
}
