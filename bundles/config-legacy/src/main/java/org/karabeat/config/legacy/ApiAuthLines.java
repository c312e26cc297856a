package org.karabeat.config.legacy;

import java.util.List;

/** {@code apiauth <client> [uid=<list>] [gid=<list>]}, checked as config.c's set_api_authorization. */
final class ApiAuthLines {

    /** hb_api_core.h: client_id[32]. */
    private static final int MAX_CLIENT_NAME = 31;
    private static final String SYNTAX = "expected 'apiauth <client> uid=<user,...> gid=<group,...>' with at"
            + " least one of uid= and gid=";

    private final HaCfState s;
    private final Findings f;

    ApiAuthLines(HaCfState state) {
        this.s = state;
        this.f = state.findings;
    }

    boolean apiauth(String rest, int line) {
        List<String> t = Words.split(rest, Words.WHITESPACE);
        if (t.isEmpty()) {
            return error(line, "missing the client name: " + SYNTAX);
        }
        String client = t.get(0);
        if (client.length() > MAX_CLIENT_NAME) {
            return error(line, "client name '" + client + "' is longer than " + MAX_CLIENT_NAME + " characters");
        }
        boolean uid = false;
        boolean gid = false;
        for (String word : t.subList(1, t.size())) {
            boolean isUid = word.startsWith("uid=");
            if (!isUid && !word.startsWith("gid=")) {
                return error(line, "'" + word + "' is neither uid=<list> nor gid=<list>: " + SYNTAX);
            }
            if (isUid ? uid : gid) {
                return error(line, "two " + word.substring(0, 3) + "= lists for client " + client);
            }
            if (word.length() == 4) {
                return error(line, "empty " + word + " list for client " + client);
            }
            uid |= isUid;
            gid |= !isUid;
        }
        if (!uid && !gid) {
            return error(line, "no uid= or gid= list for client " + client + ": " + SYNTAX);
        }
        if (!s.apiauthClients.add(client)) {
            return error(line, "client " + client + " already has an apiauth line: heartbeat refuses a second");
        }
        return true;
    }

    private boolean error(int line, String message) {
        f.error(line, "apiauth", message);
        return false;
    }
}
