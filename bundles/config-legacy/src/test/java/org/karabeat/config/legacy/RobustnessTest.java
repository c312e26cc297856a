package org.karabeat.config.legacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.karabeat.api.ConfigFinding;

/**
 * Garbage in, findings out: lines assembled at random from directive names and awkward words never make a
 * parser throw (the loader would turn that into an "internal error" finding, which this test refuses).
 */
public class RobustnessTest {

    private static final List<String> WORDS = new ArrayList<>();

    static {
        HaCfDirective.table().forEach(d -> WORDS.add(d.name()));
        WORDS.addAll(List.of("auth", "1", "16", "-1", "sha1", "md5", "crc", "sha256", "hb1", "hb2", "*", "#", "\\",
                "::", ":", "/", "//", ",", "=", "x=", "=y", "10s", "1.2.3", ".", "500ms", "1cl_g", "us", "eth0",
                "eth0:", "ens160:0", "192.168.0.200", "192.168.0.200/24/ens160:0", "IPaddr::", "IPaddr::1.2.3.4",
                "IPaddr2::10.0.0.1/33", "1.2.3.4/24/eth0/1.2.3.255/x", "239.0.0.1", "fe80::1", "ff02::1",
                "external/ipmi", "uid=", "gid=x", "\r", "\t", " ", "é", "\u0000", "99999999999999999999", "+1", "0"));
    }

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void randomFilesGiveFindingsNeverExceptions() throws IOException {
        Random random = new Random(3006);
        ConfigDir dir = new ConfigDir(tmp.getRoot().toPath());
        for (int round = 0; round < 300; round++) {
            dir.haCf(randomText(random)).authkeys(randomText(random)).haresources(randomText(random));
            LoadResult r = dir.load(random.nextBoolean() ? "hb1" : "");
            for (ConfigFinding f : r.findings()) {
                assertFalse("round " + round + ": " + f, f.message().contains("internal error"));
            }
            assertEquals(r.findings().stream().noneMatch(ConfigFinding::isError), r.valid());
        }
    }

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int lines = random.nextInt(8);
        for (int l = 0; l < lines; l++) {
            int words = random.nextInt(7);
            for (int w = 0; w < words; w++) {
                sb.append(WORDS.get(random.nextInt(WORDS.size())));
                sb.append(random.nextInt(4) == 0 ? "" : " ");
            }
            sb.append(random.nextInt(10) == 0 ? "\\\n" : "\n");
        }
        return sb.toString();
    }
}
