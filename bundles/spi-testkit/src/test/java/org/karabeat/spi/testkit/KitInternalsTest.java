package org.karabeat.spi.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.Test;

public class KitInternalsTest {

    @Test
    public void timeoutsAreThoseTheNodeUnderstands() {
        for (String ok : List.of("20", "20s", "500ms", "2m", " 20s ")) {
            assertTrue(ok, MetaDataXml.validTimeout(ok));
        }
        for (String bad : List.of("", "0", "0s", "2min", "1.5s", "20 seconds", "-5s", "s", "99999999999999999999")) {
            assertFalse(bad, MetaDataXml.validTimeout(bad));
        }
    }

    @Test
    public void durationsReadWell() {
        assertEquals("12 ms", Durations.format(Duration.ofMillis(12)));
        assertEquals("20 s", Durations.format(Duration.ofSeconds(20)));
        assertEquals("1.5 s", Durations.format(Duration.ofMillis(1500)));
    }

    @Test
    public void messagesShowParametersButNotSecrets() {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("ip", "192.0.2.1");
        p.put("password", "hunter2");
        p.put("api_token", "abc");
        assertEquals("{ip=192.0.2.1, password=[set], api_token=[set]}", Durations.parameters(p));
    }

    @Test
    public void aResourceRequestDefaultsToTheNamedHaresourcesForm() {
        KitResourceRequest r = KitResourceRequest.builder("Dummy").parameter("state", "/tmp/x").parameter("fake", "y").build();
        assertEquals(List.of("state=/tmp/x", "fake=y"), r.arguments());
        assertEquals("Dummy::state=/tmp/x::fake=y", r.resourceId());
        assertEquals("node1", r.localNode());
        assertEquals(Duration.ofSeconds(20), r.timeout());
        assertEquals("/tmp/x", r.environment().get("OCF_RESKEY_state"));

        KitResourceRequest positional = KitResourceRequest.builder("Dummy").parameter("state", "/tmp/x")
                .arguments(List.of("/tmp/x")).build();
        assertEquals("Dummy::/tmp/x", positional.resourceId());
        assertEquals(Duration.ofMillis(5), positional.withTimeout(Duration.ofMillis(5)).timeout());
        assertEquals("Dummy::/tmp/x", positional.withTimeout(Duration.ofMillis(5)).resourceId());
    }

    @Test(expected = IllegalArgumentException.class)
    public void aZeroTimeoutIsRefused() {
        KitResourceRequest.builder("Dummy").timeout(Duration.ZERO);
    }

    @Test
    public void aFenceRequestForListHasAnEmptyPlug() {
        KitFenceRequest r = KitFenceRequest.builder("fence_x").parameters(Map.of("password", "secret")).build();
        assertEquals("", r.plug());
        assertEquals("node2", r.withPlug("node2").plug());
        assertEquals("secret", r.withPlug("node2").parameters().get("password"));
        assertFalse(r.toString().contains("secret"));
    }
}
