package org.karabeat.config.legacy;

import static org.junit.Assert.assertTrue;

import java.io.IOException;

import org.junit.Test;

/** The catalogue of bad configurations stays big enough to be worth its name. */
public class CatalogueSizeTest {

    @Test
    public void catalogueHasAtLeast45Cases() throws IOException {
        int size = CatalogueTest.caseFiles().size();
        assertTrue("the catalogue has only " + size + " cases", size >= 45);
    }
}
