package org.karabeat.config.legacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Test;

/**
 * {@code docs/configuration.md} holds the table {@link HaCfDirectiveDocs} generates from
 * {@link HaCfDirective#table()}. Run with {@code -Dkarabeat.updateDocs=true} to rewrite it.
 */
public class ConfigurationDocsTest {

    private static final Path DOC = Path.of(System.getProperty("basedir", "."))
            .resolve("../../docs/configuration.md").normalize();

    @Test
    public void generatedDirectiveTableIsUpToDate() throws IOException {
        assertTrue(DOC + " is missing", Files.isRegularFile(DOC));
        String committed = Files.readString(DOC, StandardCharsets.UTF_8);
        String expected = HaCfDirectiveDocs.replaceGeneratedSection(committed);
        if (Boolean.getBoolean("karabeat.updateDocs") && !expected.equals(committed)) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
            committed = expected;
        }
        assertEquals("the ha.cf directive table in " + DOC + " is out of date; regenerate it with: mvn -pl"
                + " bundles/config-legacy test -Dtest=ConfigurationDocsTest -Dkarabeat.updateDocs=true",
                expected, committed);
    }

    @Test
    public void generatedTableHasOneRowPerDirective() {
        String table = HaCfDirectiveDocs.markdownTable();
        for (HaCfDirective d : HaCfDirective.table()) {
            assertTrue(d.name() + " has no row", table.contains("\n| `" + d.name() + "` |"));
        }
        assertEquals(HaCfDirective.table().size() + 2, table.lines().count());
    }
}
