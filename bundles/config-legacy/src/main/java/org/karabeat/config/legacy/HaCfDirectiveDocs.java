package org.karabeat.config.legacy;

import java.util.List;

/**
 * Renders {@link HaCfDirective#table()} as the Markdown table of {@code docs/configuration.md}, between
 * {@link #BEGIN} and {@link #END}. A test fails when the committed file differs from this output.
 */
public final class HaCfDirectiveDocs {

    /** The line before the generated table. */
    public static final String BEGIN = "<!-- BEGIN GENERATED: ha.cf directive table (HaCfDirectiveDocs) -->";
    /** The line after the generated table. */
    public static final String END = "<!-- END GENERATED: ha.cf directive table -->";

    private HaCfDirectiveDocs() {
    }

    /** The table, one line per directive, ending with a line break. */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| Directive | Kind | Value | heartbeat default | heartbeat's meaning | Karabeat |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (HaCfDirective d : HaCfDirective.table()) {
            String dflt = d.classicDefault().map(v -> "`" + v + "`").orElse(d.derivedDefault());
            row(sb, List.of("`" + d.name() + "`", d.kind().label(), d.syntax(), dflt.isEmpty() ? "—" : dflt,
                    d.explanation(), support(d)));
        }
        return sb.toString();
    }

    /** {@code text} with its generated section replaced by the current table. */
    public static String replaceGeneratedSection(String text) {
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("no '" + BEGIN + "' ... '" + END + "' section");
        }
        return text.substring(0, begin) + BEGIN + "\n" + markdownTable() + text.substring(end);
    }

    private static String support(HaCfDirective d) {
        String label;
        switch (d.support()) {
            case SUPPORTED:
                label = "**supported**";
                break;
            case IGNORED_WITH_WARNING:
                label = "ignored, with a warning";
                break;
            default:
                label = "**refused** (error)";
                break;
        }
        return d.note().isEmpty() ? label : label + ": " + d.note();
    }

    private static void row(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String cell : cells) {
            sb.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        sb.append('\n');
    }

    /** Prints the table, for pasting or piping. */
    public static void main(String[] args) {
        System.out.print(markdownTable());
    }
}
