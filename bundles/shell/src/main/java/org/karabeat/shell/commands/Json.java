package org.karabeat.shell.commands;

import java.io.StringWriter;
import java.util.Map;

import javax.json.JsonStructure;
import javax.json.JsonWriter;
import javax.json.spi.JsonProvider;
import javax.json.stream.JsonGenerator;

import org.apache.johnzon.core.JsonProviderImpl;

/** JSON output of the commands. */
final class Json {

    // Johnzon comes with Karaf's framework; instantiated directly since ServiceLoader lookup does not
    // cross bundle class loaders
    static final JsonProvider PROVIDER = new JsonProviderImpl();

    private Json() {
    }

    static String pretty(JsonStructure value) {
        StringWriter out = new StringWriter();
        try (JsonWriter w = PROVIDER.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            w.write(value);
        }
        return out.toString().trim();
    }
}
