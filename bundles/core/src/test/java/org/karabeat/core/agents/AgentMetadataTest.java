package org.karabeat.core.agents;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.Test;

public class AgentMetadataTest {

    static final String DUMMY = "<?xml version=\"1.0\"?>\n"
            + "<resource-agent name=\"Dummy\" version=\"1.0\">\n"
            + "  <version>1.0</version>\n"
            + "  <shortdesc lang=\"en\">Example stateless\n   resource agent</shortdesc>\n"
            + "  <parameters>\n"
            + "    <parameter name=\"state\" unique=\"1\"><shortdesc>State file</shortdesc>"
            + "<content type=\"string\" default=\"/run/Dummy.state\"/></parameter>\n"
            + "    <parameter name=\"fake\"><content type=\"string\"/></parameter>\n"
            + "    <parameter name=\"op_sleep\" required=\"1\"><content type=\"integer\" default=\"0\"/></parameter>\n"
            + "  </parameters>\n"
            + "  <actions>\n"
            + "    <action name=\"start\" timeout=\"20s\"/>\n"
            + "    <action name=\"stop\" timeout=\"500ms\"/>\n"
            + "    <action name=\"monitor\" timeout=\"2m\" interval=\"10s\"/>\n"
            + "    <action name=\"meta-data\" timeout=\"5\"/>\n"
            + "  </actions>\n"
            + "</resource-agent>\n";

    @Test
    public void readsParametersInOrderAndActionTimeouts() {
        AgentMetadata m = AgentMetadata.parse(DUMMY);
        assertEquals("Dummy", m.name());
        assertEquals("Example stateless resource agent", m.description());
        assertEquals(List.of("state", "fake", "op_sleep"), m.parameters().stream().map(AgentMetadata.Parameter::name).toList());
        assertEquals("/run/Dummy.state", m.parameters().get(0).defaultValue());
        assertTrue(m.parameters().get(2).required());
        assertEquals("integer", m.parameters().get(2).type());
        assertEquals(Duration.ofSeconds(20), m.timeout("start").get());
        assertEquals(Duration.ofMillis(500), m.timeout("stop").get());
        assertEquals(Duration.ofMinutes(2), m.timeout("monitor").get());
        assertEquals(Duration.ofSeconds(5), m.timeout("meta-data").get());
        assertTrue(m.timeout("status").isEmpty());
    }

    @Test
    public void refusesWhatIsNotResourceAgentMetaData() {
        assertThrows(IllegalArgumentException.class, () -> AgentMetadata.parse("<resource-agent"));
        assertThrows(IllegalArgumentException.class, () -> AgentMetadata.parse("<html/>"));
        assertThrows(IllegalArgumentException.class, () -> AgentMetadata.parse(""));
    }

    @Test
    public void doesNotResolveExternalEntities() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<resource-agent name=\"x\"><shortdesc>&x;</shortdesc></resource-agent>";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentMetadata.parse(xxe));
        assertTrue(e.getMessage(), e.getMessage().contains("DOCTYPE"));
    }
}
