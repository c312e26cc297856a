package org.karabeat.core.log;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;

import org.ops4j.pax.logging.spi.PaxAppender;
import org.ops4j.pax.logging.spi.PaxLoggingEvent;

/**
 * Writes Karabeat's log messages where {@code ha.cf} says, in heartbeat's format, beside Karaf's own
 * log. Registered as a pax-logging {@link PaxAppender} service: Karaf's logging configuration sends every
 * event to OSGi appenders, and this one keeps those of {@code org.karabeat.*} loggers.
 * <p>
 * Routing follows heartbeat's {@code cl_direct_log}: the debug file gets everything, the log file
 * everything but debug messages, syslog everything it is sent. Debug messages are written only when
 * {@code ha.cf} has {@code debug} above 0. A message can ask for heartbeat's {@code CRIT} priority with
 * the MDC key {@value #PRIORITY_MDC} (see {@link HbLog#crit}).
 */
public final class HeartbeatLogAppender implements PaxAppender, AutoCloseable {

    /** MDC key holding a heartbeat priority word ({@code crit}, {@code notice}) that overrides the level. */
    public static final String PRIORITY_MDC = "karabeat.priority";
    /** Heartbeat's log entity: lines read {@code heartbeat: [pid]: info: ...}. */
    public static final String ENTITY = "heartbeat";
    private static final String OUR_LOGGERS = "org.karabeat";

    private final LogSettings settings;
    private final LogLineFormat format;
    private final ReopeningLogFile logfile;
    private final ReopeningLogFile debugfile;
    private final SyslogSocket syslog;
    private final PrintStream problems;
    private volatile boolean reportedFileProblem;

    public HeartbeatLogAppender(LogSettings settings, PrintStream problems) {
        this(settings, problems, settings.facility() >= 0 ? new SyslogSocket(settings.syslogSocket()) : null,
                System::currentTimeMillis);
    }

    HeartbeatLogAppender(LogSettings settings, PrintStream problems, SyslogSocket syslog,
            java.util.function.LongSupplier clock) {
        this.settings = settings;
        this.problems = problems;
        this.format = new LogLineFormat(settings.syslogFileFormat(), settings.host(), ENTITY, ProcessHandle.current().pid(),
                ZoneId.systemDefault());
        this.logfile = settings.logfile().map(p -> new ReopeningLogFile(p, 1000, clock)).orElse(null);
        this.debugfile = settings.debugfile().map(p -> new ReopeningLogFile(p, 1000, clock)).orElse(null);
        this.syslog = syslog;
    }

    /** Where lines go, for the node's start-up message. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        settings.logfile().ifPresent(p -> sb.append("logfile ").append(p));
        settings.debugfile().ifPresent(p -> sb.append(sb.length() > 0 ? ", " : "").append("debugfile ").append(p));
        if (syslog != null) {
            sb.append(sb.length() > 0 ? ", " : "").append("syslog ").append(syslog.path())
                    .append(syslog.socketExists() ? "" : " (not present: syslog messages are dropped until it appears)");
        }
        return sb.length() == 0 ? "no heartbeat log (no logfile, debugfile or logfacility in ha.cf)" : sb.toString();
    }

    @Override
    public void doAppend(PaxLoggingEvent event) {
        String logger = event.getLoggerName();
        if (logger == null || !logger.startsWith(OUR_LOGGERS)) {
            return;
        }
        LogPriority priority = priorityOf(event);
        if (priority == LogPriority.DEBUG && settings.debugLevel() <= 0) {
            return;
        }
        write(event.getTimeStamp(), priority, messageOf(event));
    }

    /** Writes one message to every configured destination. */
    void write(long when, LogPriority priority, String message) {
        String line = format.format(when, priority, message);
        if (debugfile != null) {
            append(debugfile, line, when);
        }
        if (logfile != null && priority != LogPriority.DEBUG) {
            append(logfile, line, when);
        }
        if (syslog != null) {
            syslog.send(format.syslogDatagram(when, settings.facility(), priority, message));
        }
    }

    private void append(ReopeningLogFile file, String line, long when) {
        try {
            if (file.append(line)) {
                file.append(format.format(when, LogPriority.INFO, "log-rotate detected on logfile " + file.path()));
            }
            reportedFileProblem = false;
        } catch (IOException e) {
            if (!reportedFileProblem) {
                // never through SLF4J: that would come back here
                reportedFileProblem = true;
                problems.println("karabeat: cannot write " + file.path() + ": " + e.getMessage());
            }
        }
    }

    private static LogPriority priorityOf(PaxLoggingEvent event) {
        Map<String, Object> mdc = event.getProperties();
        Object word = mdc == null ? null : mdc.get(PRIORITY_MDC);
        if (word != null) {
            LogPriority p = LogPriority.ofWord(word.toString());
            if (p != null) {
                return p;
            }
        }
        return LogPriority.ofSyslog(event.getLevel().getSyslogEquivalent());
    }

    private static String messageOf(PaxLoggingEvent event) {
        String message = event.getRenderedMessage();
        String[] thrown = event.getThrowableStrRep();
        if (thrown != null && thrown.length > 0) {
            // heartbeat lines are single lines: keep the exception's own line, the stack is in karaf.log
            message = message + ": " + thrown[0].trim();
        }
        return message.replace('\n', ' ');
    }

    /** For tests and the status output. */
    Path logfilePath() {
        return logfile == null ? null : logfile.path();
    }

    @Override
    public void close() {
        if (logfile != null) {
            logfile.close();
        }
        if (debugfile != null) {
            debugfile.close();
        }
        if (syslog != null) {
            syslog.close();
        }
    }
}
