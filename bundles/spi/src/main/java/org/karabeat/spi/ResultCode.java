package org.karabeat.spi;

/**
 * The result of a resource operation, numbered as OCF exit codes (which LSB init scripts share for
 * actions), each with the recovery class that decides what the node does next.
 */
public enum ResultCode {
    /** Done; for {@code status}/{@code monitor}: running. */
    SUCCESS(0, Recovery.NONE),
    /** Failed for a reason that may go away (try again or elsewhere). */
    ERR_GENERIC(1, Recovery.SOFT),
    /** Bad arguments for this operation. */
    ERR_ARGS(2, Recovery.HARD),
    /** The agent does not implement this operation. */
    ERR_UNIMPLEMENTED(3, Recovery.HARD),
    /** Not allowed (permissions). */
    ERR_PERM(4, Recovery.HARD),
    /** Something the resource needs is not installed on this node. */
    ERR_INSTALLED(5, Recovery.HARD),
    /** The resource is not configured correctly; no node can run it. */
    ERR_CONFIGURED(6, Recovery.FATAL),
    /** For {@code status}/{@code monitor}: cleanly stopped. */
    NOT_RUNNING(7, Recovery.NONE),
    /** Did not finish in time; produced by the caller, which interrupted the operation. */
    TIMEOUT(-2, Recovery.SOFT);

    /** What a failure means for where the resource may run. */
    public enum Recovery {
        /** Not a failure. */
        NONE,
        /** Retry here, then move. */
        SOFT,
        /** Do not run it on this node. */
        HARD,
        /** Do not run it anywhere until an operator intervenes. */
        FATAL
    }

    private final int ocf;
    private final Recovery recovery;

    ResultCode(int ocf, Recovery recovery) {
        this.ocf = ocf;
        this.recovery = recovery;
    }

    /** The OCF exit code ({@code -2} for {@link #TIMEOUT}, which has none). */
    public int ocfCode() {
        return ocf;
    }

    public Recovery recovery() {
        return recovery;
    }

    /** Maps an OCF exit code; unknown codes are {@link #ERR_GENERIC}, as Pacemaker treats them. */
    public static ResultCode fromOcf(int code) {
        for (ResultCode c : values()) {
            if (c.ocf == code && c != TIMEOUT) {
                return c;
            }
        }
        return ERR_GENERIC;
    }

    /**
     * Maps the exit code of an LSB init script's {@code status}: 0 running, 3 stopped, 1 and 2 dead with
     * a pid or lock file left behind (failed), 4 unknown (failed).
     */
    public static ResultCode fromLsbStatus(int code) {
        switch (code) {
            case 0:
                return SUCCESS;
            case 3:
                return NOT_RUNNING;
            default:
                return ERR_GENERIC;
        }
    }

    /** Maps the exit code of an LSB init script's {@code start}/{@code stop}: same numbers as OCF. */
    public static ResultCode fromLsbAction(int code) {
        return fromOcf(code);
    }
}
