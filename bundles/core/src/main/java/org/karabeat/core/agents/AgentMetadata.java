package org.karabeat.core.agents;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * What an agent's OCF meta-data says: its parameters in order (positional {@code haresources} arguments map
 * onto them) and the default timeout of each action. Parsed with DTDs and external entities off: meta-data
 * comes from plugins.
 */
public record AgentMetadata(String name, String description, List<Parameter> parameters, Map<String, Duration> timeouts) {

    /** One {@code <parameter>}. */
    public record Parameter(String name, boolean required, String type, String defaultValue, String description) {
    }

    /** Meta-data of an agent that gives none or gives something unreadable: no parameters, no timeouts. */
    public static AgentMetadata empty(String name) {
        return new AgentMetadata(name, "", List.of(), Map.of());
    }

    /** The timeout of {@code action} ({@code start}, {@code stop}, {@code monitor}...), if the meta-data gives one. */
    public Optional<Duration> timeout(String action) {
        return Optional.ofNullable(timeouts.get(action));
    }

    /**
     * Parses OCF meta-data.
     *
     * @throws IllegalArgumentException when it is not well-formed XML or not a {@code resource-agent} document
     */
    public static AgentMetadata parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new IllegalArgumentException("no meta-data");
        }
        Document doc;
        try {
            doc = builder().parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("meta-data is not well-formed XML: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("resource-agent")) {
            throw new IllegalArgumentException("meta-data root is <" + root.getTagName() + ">, expected <resource-agent>");
        }
        List<Parameter> parameters = new ArrayList<>();
        for (Element p : children(child(root, "parameters"), "parameter")) {
            Element content = child(p, "content");
            parameters.add(new Parameter(p.getAttribute("name"), "1".equals(p.getAttribute("required")),
                    content == null ? "string" : content.getAttribute("type"),
                    content == null ? "" : content.getAttribute("default"), text(child(p, "shortdesc"))));
        }
        Map<String, Duration> timeouts = new LinkedHashMap<>();
        for (Element a : children(child(root, "actions"), "action")) {
            parseSeconds(a.getAttribute("timeout")).ifPresent(t -> timeouts.putIfAbsent(a.getAttribute("name"), t));
        }
        return new AgentMetadata(root.getAttribute("name"), text(child(root, "shortdesc")), List.copyOf(parameters),
                Map.copyOf(timeouts));
    }

    /** OCF timeouts: {@code 20}, {@code 20s}, {@code 500ms}, {@code 2m}. */
    static Optional<Duration> parseSeconds(String value) {
        String v = value.trim();
        try {
            if (v.endsWith("ms")) {
                return Optional.of(Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim())));
            }
            if (v.endsWith("s")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim())));
            }
            if (v.endsWith("m")) {
                return Optional.of(Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1).trim())));
            }
            return v.isEmpty() ? Optional.empty() : Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no usable XML parser", e);
        }
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                return (Element) n;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent != null) {
            NodeList list = parent.getChildNodes();
            for (int i = 0; i < list.getLength(); i++) {
                if (list.item(i) instanceof Element && ((Element) list.item(i)).getTagName().equals(name)) {
                    out.add((Element) list.item(i));
                }
            }
        }
        return out;
    }

    private static String text(Element e) {
        return e == null ? "" : e.getTextContent().trim().replaceAll("\\s+", " ");
    }
}
