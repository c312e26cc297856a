package org.karabeat.spi.testkit;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads agent meta-data the way the node does (DTDs and external entities off, so a DOCTYPE is refused)
 * and lists what does not have the expected shape.
 */
final class MetaDataXml {

    /** The timeouts the node understands: a whole number of milliseconds, seconds (the default) or minutes. */
    private static final Pattern TIMEOUT = Pattern.compile("\\s*(\\d+)\\s*(ms|s|m)?\\s*");

    /**
     * A family of agents and the shape its meta-data must have: its {@code name} and what its meta-data is
     * called in messages, the actions that must be listed ({@code "monitor|status"} means either), and
     * whether each must have a timeout.
     */
    record Family(String name, String document, List<String> actions, boolean timedActions) {

        /** OCF resource agents, as the node runs them. */
        static final Family OCF = new Family("OCF", "OCF meta-data XML",
                List.of("start", "stop", "monitor|status", "meta-data"), true);
        /** fence-agents, as the node fences with them. */
        static final Family FENCE_AGENTS = new Family("fence-agents", "meta-data XML",
                List.of("on", "off", "reboot", "status"), false);
    }

    private MetaDataXml() {
    }

    /** The parsed document; {@code problem[0]} says why when it returns null. */
    static Document parse(String xml, String[] problem) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    // not an error
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            if (xml.contains("<!DOCTYPE")) {
                problem[0] = "it has a <!DOCTYPE ...> declaration, which the node refuses (it reads meta-data with"
                        + " DTDs off): leave the DOCTYPE out";
            } else {
                problem[0] = "the parser stopped at line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                        + ": " + e.getMessage();
            }
            return null;
        } catch (SAXException | IOException e) {
            problem[0] = "the parser said: " + e.getMessage();
            return null;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no usable XML parser", e);
        }
    }

    /**
     * What is wrong with the shape of a {@code <resource-agent>} document: root, name, parameters, and the
     * {@code required} actions ({@code "monitor|status"} means either), with timeouts when {@code
     * timeoutsRequired}. Empty when nothing is.
     */
    static List<String> shapeProblems(Document doc, List<String> required, boolean timeoutsRequired) {
        List<String> problems = new ArrayList<>();
        Element root = doc.getDocumentElement();
        if (!"resource-agent".equals(root.getTagName())) {
            problems.add("the root element is <" + root.getTagName() + ">, expected <resource-agent>");
            return problems;
        }
        if (root.getAttribute("name").trim().isEmpty()) {
            problems.add("<resource-agent> has no name attribute");
        }
        Element parameters = child(root, "parameters");
        if (parameters == null) {
            problems.add("there is no <parameters> element");
        } else {
            Set<String> names = new HashSet<>();
            int i = 0;
            for (Element p : children(parameters, "parameter")) {
                i++;
                String name = p.getAttribute("name").trim();
                if (name.isEmpty()) {
                    problems.add("<parameter> number " + i + " has no name attribute");
                } else if (!names.add(name)) {
                    problems.add("parameter '" + name + "' is declared twice");
                }
            }
        }
        Element actions = child(root, "actions");
        if (actions == null) {
            problems.add("there is no <actions> element");
            return problems;
        }
        List<Element> listed = children(actions, "action");
        for (String want : required) {
            boolean found = false;
            for (String alternative : want.split("\\|")) {
                for (Element a : listed) {
                    if (alternative.equals(a.getAttribute("name"))) {
                        found = true;
                        if (timeoutsRequired && !a.hasAttribute("timeout")) {
                            problems.add("action '" + alternative + "' has no timeout");
                        }
                    }
                }
            }
            if (!found) {
                problems.add(want.contains("|")
                        ? "neither action '" + String.join("' nor '", want.split("\\|")) + "' is listed"
                        : "action '" + want + "' is not listed");
            }
        }
        for (Element a : listed) {
            if (a.getAttribute("name").trim().isEmpty()) {
                problems.add("an <action> has no name attribute");
            }
            if (a.hasAttribute("timeout") && !validTimeout(a.getAttribute("timeout"))) {
                problems.add("action '" + a.getAttribute("name") + "' has timeout '" + a.getAttribute("timeout")
                        + "', which the node does not understand (write 20, 20s, 500ms or 2m, more than zero)");
            }
        }
        return problems;
    }

    static boolean validTimeout(String value) {
        Matcher m = TIMEOUT.matcher(value);
        if (!m.matches()) {
            return false;
        }
        try {
            return Long.parseLong(m.group(1)) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                return (Element) n;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                out.add((Element) n);
            }
        }
        return out;
    }
}
