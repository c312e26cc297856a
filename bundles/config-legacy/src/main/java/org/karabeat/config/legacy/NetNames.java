package org.karabeat.config.legacy;

import java.util.regex.Pattern;

/** Syntax of interface names and host names. */
final class NetNames {

    /** Linux interface names: at most 15 characters (IFNAMSIZ - 1), no slash or blank. */
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.@:-]{1,15}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_-]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9_])?");

    private NetNames() {
    }

    static boolean isInterfaceName(String name) {
        return INTERFACE.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    /** RFC 1123 host names (underscores tolerated, as resolvers do). */
    static boolean isHostName(String name) {
        if (name.isEmpty() || name.length() > 253 || Ipv4.looksNumeric(name)) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches() || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
        }
        return true;
    }

    /** The interface an alias such as {@code eth0:1} lives on. */
    static String baseInterface(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }
}
