package org.karabeat.config.legacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;
import org.karabeat.api.ConfigFinding;

/**
 * The catalogue of bad (and good-but-warned) configurations: each case is a small file under
 * {@code src/test/resources/catalogue/} (format in {@link CatalogueCase}); the findings must be exactly the
 * ones it lists. {@code -Dkarabeat.catalogueActual=<existing directory>} writes each case's actual findings
 * there as {@code <case>.actual}, to review when a message changes.
 */
@RunWith(Parameterized.class)
public class CatalogueTest {

    /** Secrets the cases use: no finding may ever show them. */
    private static final List<String> SECRETS = List.of("MaClefUltraSecurisee", "S3cretKey", "s3cr3tpw");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final CatalogueCase c;

    public CatalogueTest(CatalogueCase c) {
        this.c = c;
    }

    @Parameters(name = "{0}")
    public static Collection<Object[]> cases() throws IOException {
        return caseFiles().stream().map(p -> new Object[] {CatalogueCase.read(p)}).collect(Collectors.toList());
    }

    static List<Path> caseFiles() throws IOException {
        try (Stream<Path> files = Files.list(resource("catalogue"))) {
            return files.filter(p -> p.toString().endsWith(".case")).sorted().collect(Collectors.toList());
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(CatalogueTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void findingsAreExactlyTheExpectedOnes() throws IOException {
        Path dir = tmp.newFolder("conf").toPath();
        c.writeTo(dir, resource("seed/hb1"));
        LoadResult result = LegacyConfigLoader.load(dir, c.node(), c.options());
        List<String> actual = result.findings().stream().map(f -> f.toString().replace(dir.toString(), "{dir}"))
                .collect(Collectors.toList());
        String actualDir = System.getProperty("karabeat.catalogueActual");
        if (actualDir != null) {
            Files.write(Path.of(actualDir).resolve(c.name + ".actual"), actual);
        }
        assertEquals(c.name + " (" + c.why() + ")", String.join("\n", c.expected), String.join("\n", actual));
        assertFalse(c.name + ": a catalogue case must expect at least one finding", c.expected.isEmpty());
        assertEquals(c.name + ": a configuration is returned exactly when there is no error",
                result.findings().stream().noneMatch(ConfigFinding::isError), result.config().isPresent());
        for (ConfigFinding f : result.findings()) {
            for (String secret : SECRETS) {
                assertFalse(c.name + ": a finding shows a secret: " + f, f.toString().contains(secret));
            }
        }
    }
}
