package org.lodestar.outreach;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lodestar.config.ConfigFile;
import org.lodestar.config.ConfigInvalid;
import org.lodestar.config.ConfigProblem;
import org.lodestar.config.YamlNode;
import org.lodestar.infrastructure.Labels;

/** Reads outreach template YAML (format in docs/outreach.md), naming file, line and field for every problem. */
final class TemplateReader {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");
    private static final int SUBJECT_LIMIT = 300;
    private static final int BODY_LIMIT = 20_000;

    private TemplateReader() {
    }

    /** Every template of a configuration, with unique names; all problems at once otherwise. */
    static List<OutreachTemplate> readAll(List<ConfigFile> files) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<OutreachTemplate> templates = new ArrayList<>();
        Map<String, String> origins = new HashMap<>();
        for (ConfigFile file : files) {
            OutreachTemplate template = read(file, problems);
            if (template == null) {
                continue;
            }
            String earlier = origins.putIfAbsent(template.name(), template.origin());
            if (earlier != null) {
                // Report it on the file someone can edit, not on the shipped one.
                boolean earlierIsShipped = earlier.startsWith("shipped:");
                problems.add(new ConfigProblem(earlierIsShipped ? template.origin() : earlier, 0, "name", "another file ("
                        + (earlierIsShipped ? earlier : template.origin()) + ") already has the template name '"
                        + template.name() + "'"));
            } else {
                templates.add(template);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigInvalid(problems);
        }
        return templates;
    }

    /** The names the template files give, whether or not each template is valid (its problems are {@link #readAll}'s). */
    static Set<String> namesWritten(List<ConfigFile> files) {
        List<ConfigProblem> reportedByReadAll = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (ConfigFile file : files) {
            YamlNode root = YamlNode.parse(file, reportedByReadAll);
            YamlNode name = root == null ? null : root.get("name");
            if (name != null && name.isScalar()) {
                names.add(name.text());
            }
        }
        return names;
    }

    static OutreachTemplate read(ConfigFile file, List<ConfigProblem> problems) {
        int before = problems.size();
        YamlNode root = YamlNode.parse(file, problems);
        if (root == null || !root.expectMap("name", "description", "channel", "subject", "body")) {
            return null;
        }
        YamlNode nameNode = root.require("name");
        String name = nameNode == null ? null : nameNode.text();
        if (name != null && !NAME.matcher(name).matches()) {
            nameNode.problem("expected lower-case letters, digits and dashes (up to 60), got '" + name + "'");
        }
        YamlNode descriptionNode = root.get("description");
        String description = descriptionNode == null ? "" : descriptionNode.text();
        YamlNode channelNode = root.require("channel");
        Channel channel = null;
        if (channelNode != null && channelNode.text() != null) {
            try {
                channel = Labels.parse(Channel.class, channelNode.text());
            } catch (IllegalArgumentException e) {
                channelNode.problem("unknown channel: " + e.getMessage());
            }
        }
        YamlNode subjectNode = root.get("subject");
        String subject = null;
        if (channel == Channel.EMAIL && subjectNode == null) {
            problems.add(new ConfigProblem(file.origin(), channelNode.line(), "subject",
                    "is required for an email template"));
        } else if (channel == Channel.SLACK && subjectNode != null) {
            subjectNode.problem("only email templates have a subject; a Slack alert is its body alone");
        } else if (subjectNode != null) {
            subject = subjectNode.text();
            if (subject != null && subject.isEmpty()) {
                subjectNode.problem("must not be empty");
            } else if (subject != null && subject.contains("\n")) {
                subjectNode.problem("must be a single line");
            } else if (subject != null && subject.length() > SUBJECT_LIMIT) {
                subjectNode.problem("must be at most " + SUBJECT_LIMIT + " characters, got " + subject.length());
            }
        }
        YamlNode bodyNode = root.require("body");
        String body = bodyNode == null ? null : bodyNode.text();
        if (body != null && body.isEmpty()) {
            bodyNode.problem("must not be empty");
        } else if (body != null && body.length() > BODY_LIMIT) {
            bodyNode.problem("must be at most " + BODY_LIMIT + " characters, got " + body.length());
        }
        Set<String> fields = new LinkedHashSet<>();
        if (subject != null) {
            checkFields(file, subjectNode, subject, fields, problems);
        }
        if (body != null) {
            checkFields(file, bodyNode, body, fields, problems);
        }
        if (problems.size() > before) {
            return null;
        }
        return new OutreachTemplate(name, description, channel, subject, body, List.copyOf(fields), file.origin());
    }

    /** Reports unknown merge fields and stray braces on the line where they are written. */
    private static void checkFields(ConfigFile file, YamlNode node, String text, Set<String> fields,
            List<ConfigProblem> problems) {
        String[] lines = file.text().split("\n", -1);
        int searchFrom = node.line() - 1;
        Matcher m = MergeFields.FIELD.matcher(text);
        while (m.find()) {
            int line = lineOf(lines, m.group(), searchFrom, node.line());
            searchFrom = line - 1;
            String field = m.group(1);
            if (!MergeFields.known(field)) {
                problems.add(new ConfigProblem(file.origin(), line, node.path(), "unknown merge field '{{" + field
                        + "}}'; expected one of " + String.join(", ", MergeFields.KNOWN) + ", or vars.NAME (lower-case "
                        + "letters, digits and _)"));
            } else {
                fields.add(field);
            }
        }
        int lineSearch = node.line() - 1;
        for (String written : text.split("\n", -1)) {
            String rest = MergeFields.FIELD.matcher(written).replaceAll("");
            for (String stray : new String[] { "{{", "}}" }) {
                if (rest.contains(stray)) {
                    String around = written.strip();
                    int line = lineOf(lines, around, lineSearch, node.line());
                    problems.add(new ConfigProblem(file.origin(), line, node.path(), "'" + stray
                            + "' without its other half in \"" + (around.length() > 60 ? around.substring(0, 59) + "…" : around)
                            + "\"; merge fields are written {{account.name}}"));
                    break;
                }
            }
        }
    }

    /** The 1-based line of the file, from {@code from} (0-based) on, holding {@code written}; {@code fallback} if none. */
    private static int lineOf(String[] lines, String written, int from, int fallback) {
        for (int i = Math.max(0, from); i < lines.length; i++) {
            if (lines[i].contains(written)) {
                return i + 1;
            }
        }
        return fallback;
    }
}
