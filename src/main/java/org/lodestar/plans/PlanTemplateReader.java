package org.lodestar.plans;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lodestar.config.ConfigFile;
import org.lodestar.config.ConfigInvalid;
import org.lodestar.config.ConfigProblem;
import org.lodestar.config.YamlNode;

/** Reads success-plan templates (format in the README, "Success plans"), naming file, line and field for every problem. */
public final class PlanTemplateReader {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");
    private static final Pattern DAYS = Pattern.compile("(\\d{1,3})d");

    public List<PlanTemplate> readAll(List<ConfigFile> files) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<PlanTemplate> templates = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (ConfigFile file : files) {
            PlanTemplate template = read(file, problems);
            if (template != null) {
                String earlier = names.putIfAbsent(template.name(), file.origin());
                if (earlier != null) {
                    problems.add(new ConfigProblem(file.origin(), 0, "name", "another file already has the plan template name '"
                            + template.name() + "' (" + earlier + ")"));
                } else {
                    templates.add(template);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigInvalid(problems);
        }
        return List.copyOf(templates);
    }

    private PlanTemplate read(ConfigFile file, List<ConfigProblem> problems) {
        int before = problems.size();
        YamlNode root = YamlNode.parse(file, problems);
        if (root == null || !root.expectMap("name", "title", "description", "outcomes")) {
            return null;
        }
        String name = text(root.require("name"));
        if (name != null && !NAME.matcher(name).matches()) {
            root.get("name").problem("expected lower-case letters, digits and dashes (up to 60), got '" + name + "'");
        }
        String title = text(root.require("title"));
        if (title != null && title.length() > 200) {
            root.get("title").problem("must be at most 200 characters");
        }
        String description = text(root.get("description"));
        List<PlanTemplate.OutcomeTemplate> outcomes = new ArrayList<>();
        YamlNode outcomeList = root.require("outcomes");
        if (outcomeList != null) {
            for (YamlNode item : outcomeList.items()) {
                PlanTemplate.OutcomeTemplate outcome = outcome(item);
                if (outcome != null) {
                    outcomes.add(outcome);
                }
            }
            if (outcomeList.isList() && outcomeList.items().isEmpty()) {
                outcomeList.problem("expected at least one outcome");
            }
        }
        long values = outcomes.stream().flatMap(o -> o.milestones().stream()).filter(PlanTemplate.MilestoneTemplate::value)
                .count();
        if (values > 1 && outcomeList != null) {
            outcomeList.problem("expected at most one milestone marked value: true (the first value), got " + values);
        }
        if (problems.size() > before) {
            return null;
        }
        return new PlanTemplate(name, title, description == null ? "" : description, List.copyOf(outcomes), file.origin());
    }

    private PlanTemplate.OutcomeTemplate outcome(YamlNode item) {
        if (!item.expectMap("outcome", "milestones")) {
            return null;
        }
        String title = text(item.require("outcome"));
        if (title != null && title.length() > 300) {
            item.get("outcome").problem("must be at most 300 characters");
        }
        List<PlanTemplate.MilestoneTemplate> milestones = new ArrayList<>();
        YamlNode list = item.require("milestones");
        if (list != null) {
            for (YamlNode m : list.items()) {
                PlanTemplate.MilestoneTemplate milestone = milestone(m);
                if (milestone != null) {
                    milestones.add(milestone);
                }
            }
            if (list.isList() && list.items().isEmpty()) {
                list.problem("expected at least one milestone");
            }
        }
        return title == null ? null : new PlanTemplate.OutcomeTemplate(title, List.copyOf(milestones));
    }

    private PlanTemplate.MilestoneTemplate milestone(YamlNode item) {
        if (!item.expectMap("title", "due", "owner", "value")) {
            return null;
        }
        String title = text(item.require("title"));
        if (title != null && title.length() > 300) {
            item.get("title").problem("must be at most 300 characters");
        }
        Integer days = null;
        YamlNode due = item.require("due");
        if (due != null && due.text() != null) {
            Matcher m = DAYS.matcher(due.text());
            if (m.matches()) {
                days = Integer.parseInt(m.group(1));
            } else {
                due.problem("expected days after the plan starts, such as 30d, got '" + due.text() + "'");
            }
        }
        OwnerSide owner = null;
        YamlNode ownerNode = item.require("owner");
        if (ownerNode != null && ownerNode.text() != null) {
            switch (ownerNode.text()) {
                case "csm" -> owner = OwnerSide.US;
                case "customer" -> owner = OwnerSide.CUSTOMER;
                default -> ownerNode.problem("expected csm (the account's owner) or customer, got '" + ownerNode.text() + "'");
            }
        }
        boolean value = false;
        YamlNode valueNode = item.get("value");
        if (valueNode != null && valueNode.text() != null) {
            switch (valueNode.text()) {
                case "true" -> value = true;
                case "false" -> value = false;
                default -> valueNode.problem("expected true or false, got '" + valueNode.text() + "'");
            }
        }
        return title == null || days == null || owner == null ? null
                : new PlanTemplate.MilestoneTemplate(title, days, owner, value);
    }

    private static String text(YamlNode node) {
        return node == null ? null : node.text();
    }
}
