package org.karabeat.config.legacy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code haresources} as heartbeat's ResourceManager does (its {@code ipres} sed script): a {@code #}
 * anywhere starts a comment, a line ending in a backslash is joined to the next one (the backslash and the
 * line break are removed, nothing is put in their place), blanks and tabs separate words, the first word is
 * the preferred node (lower-cased), each further word a resource.
 */
final class HaresourcesParser {

    /** ResourceManager's {@code isip}: the shell pattern {@code [0-9]*.[0-9]*.[0-9]*.[0-9]*}. */
    private static final Pattern SPELLED_LIKE_IP = Pattern.compile("[0-9].*\\.[0-9].*\\.[0-9].*\\.[0-9].*",
            Pattern.DOTALL);
    private static final Pattern TRAILING_BACKSLASH_BLANKS = Pattern.compile(".*\\\\[ \\t]+");
    private static final String IP_SYNTAX = "<ip>[/<bits>[/<interface>[:<label>][/<broadcast>]]]";

    /** What was read: the groups when the file has no error, and every IPaddr argument for host checks. */
    record Result(Optional<Haresources> haresources, List<IpAddrArgument> addresses) {
    }

    /** A logical line: its text and, for each character, the physical line it came from. */
    private record LogicalLine(String text, List<Integer> lineOfChar) {
    }

    /** A word and the physical line it starts on. */
    private record Word(String text, int line) {
    }

    private final Findings f;
    private final Optional<Set<String>> nodes;
    private final List<ResourceGroup> groups = new ArrayList<>();
    private final List<IpAddrArgument> addresses = new ArrayList<>();
    private final Map<String, Integer> groupKeys = new HashMap<>();
    private final Map<String, Integer> resourceGroupLines = new HashMap<>();
    private final Map<Integer, IpAddrArgument> addressOwners = new HashMap<>();

    private HaresourcesParser(Findings findings, Optional<Set<String>> nodes) {
        this.f = findings;
        this.nodes = nodes;
    }

    /**
     * @param nodes the nodes of ha.cf, or empty when ha.cf could not be read (node names are then not checked)
     */
    static Result parse(List<String> lines, Optional<Set<String>> nodes, Findings findings) {
        int errorsBefore = findings.errorCount();
        HaresourcesParser parser = new HaresourcesParser(findings, nodes);
        for (LogicalLine logical : parser.logicalLines(lines)) {
            parser.group(logical);
        }
        Optional<Haresources> result = findings.errorCount() > errorsBefore ? Optional.empty()
                : Optional.of(new Haresources(parser.groups));
        return new Result(result, List.copyOf(parser.addresses));
    }

    private List<LogicalLine> logicalLines(List<String> physical) {
        reportCarriageReturns(physical);
        List<LogicalLine> logical = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        List<Integer> lineOfChar = new ArrayList<>();
        boolean continued = false;
        for (int i = 0; i < physical.size(); i++) {
            int n = i + 1;
            String line = physical.get(i).replace("\r", "");
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            continued = line.endsWith("\\");
            if (continued) {
                line = line.substring(0, line.length() - 1);
            } else if (TRAILING_BACKSLASH_BLANKS.matcher(line).matches()) {
                f.warning(n, "", "a backslash followed by blanks does not continue the line: heartbeat reads the"
                        + " next line as a new resource group; remove the blanks after the backslash");
            }
            text.append(line);
            for (int c = 0; c < line.length(); c++) {
                lineOfChar.add(n);
            }
            if (!continued) {
                logical.add(new LogicalLine(text.toString(), List.copyOf(lineOfChar)));
                text.setLength(0);
                lineOfChar.clear();
            }
        }
        if (continued) {
            f.error(physical.size(), "", "the file ends with a backslash, but no line follows to continue it");
        }
        return logical;
    }

    private void reportCarriageReturns(List<String> physical) {
        int first = 0;
        int count = 0;
        for (int i = 0; i < physical.size(); i++) {
            if (physical.get(i).indexOf('\r') >= 0) {
                count++;
                first = first == 0 ? i + 1 : first;
            }
        }
        if (count > 0) {
            f.error(first, "", count + (count == 1 ? " line ends" : " lines end") + " with a carriage return"
                    + " (Windows line endings): heartbeat would take it as part of the last resource's name;"
                    + " convert the file with dos2unix");
        }
    }

    private void group(LogicalLine logical) {
        List<Word> words = words(logical);
        if (words.isEmpty()) {
            return;
        }
        Word first = words.get(0);
        String node = Words.asciiLower(first.text());
        boolean badNode = nodes.isPresent() && !nodes.get().contains(node);
        if (badNode) {
            f.error(first.line(), first.text(), "'" + first.text() + "' is not a node of ha.cf (nodes: "
                    + Words.list(List.copyOf(nodes.get())) + "): the first word of a line names the group's"
                    + " preferred node");
        }
        if (words.size() == 1 && !badNode) {
            f.error(first.line(), first.text(), "node " + node + " is followed by no resource: expected"
                    + " '<node> <resource> ...', such as '" + node + " IPaddr::192.0.2.10/24/eth0 apache2'");
            return;
        }
        if (words.size() == 1) {
            return;
        }
        List<ResourceSpec> resources = new ArrayList<>();
        for (Word word : words.subList(1, words.size())) {
            resource(word).ifPresent(resources::add);
        }
        if (resources.size() == words.size() - 1) {
            addGroup(new ResourceGroup(node, resources, first.line()));
        }
    }

    private void addGroup(ResourceGroup group) {
        Integer sameKey = groupKeys.putIfAbsent(group.key(), group.line());
        if (sameKey != null) {
            f.error(group.line(), group.key(), "the group on line " + sameKey + " already starts with " + group.key()
                    + ": the first resource of each line must be unique, because heartbeat finds a group by it");
            return;
        }
        Map<String, Integer> inThisGroup = new HashMap<>();
        for (ResourceSpec r : group.resources()) {
            Integer twice = inThisGroup.putIfAbsent(r.spec(), r.line());
            if (twice != null) {
                f.error(r.line(), r.spec(), r.spec() + " is listed twice in this group: it would be started and"
                        + " stopped twice");
                continue;
            }
            Integer other = resourceGroupLines.putIfAbsent(r.spec(), group.line());
            if (other != null) {
                f.error(r.line(), r.spec(), r.spec() + " is already in the group on line " + other
                        + ": a resource can belong to one group only");
            }
        }
        groups.add(group);
    }

    private Optional<ResourceSpec> resource(Word word) {
        String w = word.text();
        int line = word.line();
        String type;
        List<String> arguments = new ArrayList<>();
        int sep = w.indexOf("::");
        if (SPELLED_LIKE_IP.matcher(w).matches()) {
            type = "IPaddr";
            arguments.add(w);
        } else if (sep >= 0) {
            type = w.substring(0, sep);
            arguments.addAll(List.of(w.substring(sep + 2).split("::", -1)));
        } else {
            type = w;
        }
        if (type.isEmpty()) {
            return error(line, w, "missing the resource type before '::': expected <type>::<argument>");
        }
        if (type.indexOf('/') >= 0) {
            return error(line, w, "a resource type is a script name and cannot contain '/': scripts are looked"
                    + " up in resource.d and /etc/init.d");
        }
        if (arguments.stream().anyMatch(String::isEmpty)) {
            return error(line, w, "empty argument: '::' separates arguments, so it cannot end the resource or"
                    + " appear twice in a row");
        }
        String spec = arguments.isEmpty() ? type : type + "::" + String.join("::", arguments);
        if (type.equals("IPaddr") || type.equals("IPaddr2")) {
            if (arguments.size() != 1) {
                return error(line, w, type + " takes exactly one argument: " + type + "::" + IP_SYNTAX);
            }
            Optional<IpAddrArgument> ip = IpAddrArgument.check(arguments.get(0), w, line, f);
            if (ip.isEmpty()) {
                return Optional.empty();
            }
            addresses.add(ip.get());
            IpAddrArgument owner = addressOwners.putIfAbsent(ip.get().address(), ip.get());
            if (owner != null && !resourceGroupLines.containsKey(spec) && !owner.resource().equals(w)) {
                return error(line, w, "address " + Ipv4.format(ip.get().address()) + " is already managed by "
                        + owner.resource() + " on line " + owner.line());
            }
        }
        return Optional.of(new ResourceSpec(spec, type, arguments, line));
    }

    private static List<Word> words(LogicalLine logical) {
        List<Word> words = new ArrayList<>();
        String text = logical.text();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            int start = i;
            while (i < text.length() && text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                i++;
            }
            if (i > start) {
                words.add(new Word(text.substring(start, i), logical.lineOfChar().get(start)));
            }
        }
        return words;
    }

    private Optional<ResourceSpec> error(int line, String resource, String message) {
        f.error(line, resource, message);
        return Optional.empty();
    }
}
