package org.karabeat.core.resources;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.karabeat.core.agents.AgentMetadata;

public class ParametersTest {

    private static final AgentMetadata META = new AgentMetadata("Dummy", "", List.of(
            new AgentMetadata.Parameter("state", false, "string", "", ""),
            new AgentMetadata.Parameter("fake", false, "string", "", ""),
            new AgentMetadata.Parameter("op_sleep", false, "integer", "0", "")), Map.of());

    @Test
    public void positionalArgumentsFillParametersInOrder() {
        assertEquals(Map.of("state", "/run/x.state", "fake", "f"), Parameters.map(List.of("/run/x.state", "f"), META));
    }

    @Test
    public void namedArgumentsNameTheirParameterAndPositionalOnesSkipIt() {
        assertEquals(Map.of("state", "/run/x", "op_sleep", "2", "fake", "f"),
                Parameters.map(List.of("op_sleep=2", "state=/run/x", "f"), META));
    }

    @Test
    public void anEqualsSignInAPositionalValueStaysInTheValue() {
        assertEquals(Map.of("state", "a=b"), Parameters.map(List.of("a=b"), META));
    }

    @Test
    public void argumentsBeyondTheParametersAreNotMapped() {
        assertEquals(Map.of("state", "1", "fake", "2", "op_sleep", "3"), Parameters.map(List.of("1", "2", "3", "4"), META));
    }
}
