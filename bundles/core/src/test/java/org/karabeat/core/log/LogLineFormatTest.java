package org.karabeat.core.log;

import static org.junit.Assert.assertEquals;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.Test;

public class LogLineFormatTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final long NOV_5 = LocalDateTime.of(2026, 11, 5, 7, 8, 9).toInstant(ZoneOffset.UTC).toEpochMilli();

    @Test
    public void syslogFileFormatIsWhatHeartbeat306WritesByDefault() {
        // as captured from the real daemon: "Nov 25 17:58:28 node2 heartbeat: [2709]: info: Pacemaker support: no"
        LogLineFormat f = new LogLineFormat(true, "hb1", "heartbeat", 2709, UTC);
        assertEquals("Nov 05 07:08:09 hb1 heartbeat: [2709]: info: Configuration validated.\n",
                f.format(NOV_5, LogPriority.INFO, "Configuration validated."));
        assertEquals("Nov 05 07:08:09 hb1 heartbeat: [2709]: WARN: node hb2: is dead\n",
                f.format(NOV_5, LogPriority.WARN, "node hb2: is dead"));
        assertEquals("Nov 05 07:08:09 hb1 heartbeat: [2709]: CRIT: Late heartbeat\n",
                f.format(NOV_5, LogPriority.CRIT, "Late heartbeat"));
    }

    @Test
    public void classicFileFormatWhenSyslogmsgfmtIsOff() {
        LogLineFormat f = new LogLineFormat(false, "hb1", "heartbeat", 42, UTC);
        assertEquals("heartbeat[42]: 2026/11/05_07:08:09 ERROR: Cannot open file\n",
                f.format(NOV_5, LogPriority.ERROR, "Cannot open file"));
        assertEquals("heartbeat[42]: 2026/11/05_07:08:09 debug: x\n", f.format(NOV_5, LogPriority.DEBUG, "x"));
    }

    @Test
    public void syslogDatagramCarriesFacilityAndPriorityLikeGlibc() {
        LogLineFormat f = new LogLineFormat(true, "hb1", "heartbeat", 7, UTC);
        // daemon (3) * 8 + info (6) = 30; glibc pads the day with a space
        assertEquals("<30>Nov  5 07:08:09 heartbeat: [7]: info: hello", f.syslogDatagram(NOV_5, 3, LogPriority.INFO, "hello"));
        assertEquals("<187>Nov  5 07:08:09 heartbeat: [7]: ERROR: x", f.syslogDatagram(NOV_5, 23, LogPriority.ERROR, "x"));
    }

    @Test
    public void localTimeIsUsed() {
        LogLineFormat f = new LogLineFormat(false, "hb1", "heartbeat", 1, ZoneId.of("Europe/Paris"));
        assertEquals("heartbeat[1]: 2026/11/05_08:08:09 info: t\n", f.format(NOV_5, LogPriority.INFO, "t"));
    }
}
