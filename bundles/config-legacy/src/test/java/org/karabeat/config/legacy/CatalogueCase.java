package org.karabeat.config.legacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One case of the bad-configuration catalogue ({@code src/test/resources/catalogue/*.case}).
 * <p>
 * Format: header lines {@code # key: value}, then sections introduced by {@code === name}:
 * <pre>
 * # why: one line saying what the administrator got wrong
 * # node: hb2                               (default hb1)
 * # mode ha.cf: 600                         (octal; defaults: ha.cf 644, authkeys 600, haresources 644)
 * # missing: authkeys                       (delete a file of the base set)
 * # crlf: haresources                       (write that file with CR LF line ends)
 * # host: ens160=192.168.0.45/24 lo=127.0.0.1/8   (turns host checks on, with these interfaces)
 * # resolve: hb2=192.168.0.29               (names the fake resolver knows)
 * === ha.cf                                 (replaces the base file; also authkeys, haresources)
 * ...
 * === expect                                (the exact findings, {dir} standing for the directory)
 * ...
 * </pre>
 * The base set is the seed's hb1 files ({@code seed/hb1}).
 */
final class CatalogueCase {

    static final List<String> FILES = List.of("ha.cf", "authkeys", "haresources");
    private static final Set<String> HEADERS = Set.of("why", "node", "mode ha.cf", "mode authkeys",
            "mode haresources", "missing", "crlf", "host", "resolve");

    final String name;
    final Map<String, String> headers = new LinkedHashMap<>();
    final Map<String, String> files = new LinkedHashMap<>();
    final List<String> expected = new ArrayList<>();

    private CatalogueCase(String name) {
        this.name = name;
    }

    static CatalogueCase read(Path file) {
        String fileName = file.getFileName().toString();
        CatalogueCase c = new CatalogueCase(fileName.substring(0, fileName.length() - ".case".length()));
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String section = null;
        StringBuilder content = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("=== ")) {
                c.endSection(section, content);
                section = line.substring(4).strip();
                if (!section.equals("expect") && !FILES.contains(section)) {
                    throw new IllegalArgumentException(fileName + ": unknown section " + section);
                }
                content.setLength(0);
            } else if (section == null) {
                c.header(fileName, line);
            } else {
                content.append(line).append('\n');
            }
        }
        c.endSection(section, content);
        if (!c.headers.containsKey("why")) {
            throw new IllegalArgumentException(fileName + ": no '# why:' line");
        }
        return c;
    }

    private void header(String fileName, String line) {
        if (line.isBlank()) {
            return;
        }
        int colon = line.indexOf(':');
        if (!line.startsWith("# ") || colon < 0) {
            throw new IllegalArgumentException(fileName + ": expected '# key: value', got: " + line);
        }
        String key = line.substring(2, colon).strip();
        if (!HEADERS.contains(key)) {
            throw new IllegalArgumentException(fileName + ": unknown header " + key);
        }
        headers.put(key, line.substring(colon + 1).strip());
    }

    private void endSection(String section, StringBuilder content) {
        if (section == null) {
            return;
        }
        if (section.equals("expect")) {
            content.toString().lines().filter(l -> !l.isBlank()).forEach(expected::add);
        } else {
            files.put(section, content.toString());
        }
    }

    String why() {
        return headers.get("why");
    }

    String node() {
        return headers.getOrDefault("node", "hb1");
    }

    /** Writes the base set with this case's changes into {@code dir}. */
    void writeTo(Path dir, Path base) throws IOException {
        for (String f : FILES) {
            String text = files.containsKey(f) ? files.get(f) : Files.readString(base.resolve(f));
            if (f.equals(headers.get("crlf"))) {
                text = text.replace("\n", "\r\n");
            }
            Path target = dir.resolve(f);
            Files.writeString(target, text, StandardCharsets.UTF_8);
            String mode = headers.getOrDefault("mode " + f, f.equals("authkeys") ? "600" : "644");
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(rwx(Integer.parseInt(mode, 8))));
        }
        if (headers.containsKey("missing")) {
            Files.delete(dir.resolve(headers.get("missing")));
        }
    }

    LoadOptions options() {
        FakeHost host = new FakeHost(node());
        Optional.ofNullable(headers.get("host")).ifPresent(spec -> {
            for (String nif : spec.split("\\s+")) {
                String[] nameAndAddress = nif.split("=", 2);
                if (nameAndAddress.length == 1) {
                    host.withInterface(nameAndAddress[0]);
                } else {
                    String[] addressAndPrefix = nameAndAddress[1].split("/");
                    host.withInterface(nameAndAddress[0], addressAndPrefix[0], Integer.parseInt(addressAndPrefix[1]));
                }
            }
        });
        Optional.ofNullable(headers.get("resolve")).ifPresent(spec -> {
            for (String pair : spec.split("\\s+")) {
                String[] nameAndAddress = pair.split("=", 2);
                host.withName(nameAndAddress[0], nameAndAddress[1]);
            }
        });
        return new LoadOptions(headers.containsKey("host"), host);
    }

    private static String rwx(int mode) {
        StringBuilder sb = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int bit = 8; bit >= 0; bit--) {
            sb.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
