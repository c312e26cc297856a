package org.karabeat.config.legacy;

/**
 * A communication medium Karabeat uses, from one {@code ucast}, {@code bcast} (or {@code udp}) or
 * {@code mcast} line of {@code ha.cf}.
 */
public sealed interface Medium permits UcastMedium, BcastMedium, McastMedium {

    /** The kind of medium, named by its directive. */
    enum Kind {
        UCAST("ucast"), BCAST("bcast"), MCAST("mcast");

        private final String directive;

        Kind(String directive) {
            this.directive = directive;
        }

        /** The {@code ha.cf} directive that declares this kind. */
        public String directive() {
            return directive;
        }
    }

    Kind kind();

    /** The {@code ha.cf} line that declared it. */
    int line();

    /** The network interface it sends and receives on. */
    String interfaceName();

    /**
     * The UDP port. For ucast and bcast this is the port heartbeat 3.0.6 would use: {@code udpport} as set
     * when the first line of that kind was read, else 694.
     */
    int port();
}
