package org.lodestar.playbooks;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lodestar.accounts.LifecycleStage;
import org.lodestar.accounts.StakeholderRole;
import org.lodestar.config.ConfigFile;
import org.lodestar.config.ConfigInvalid;
import org.lodestar.config.ConfigProblem;
import org.lodestar.config.YamlNode;
import org.lodestar.infrastructure.Labels;
import org.lodestar.signals.SignalCategory;
import org.lodestar.tasks.Priority;
import org.lodestar.tasks.Team;

/** Reads playbook files (format in docs/playbooks.md), naming file, line and field for every problem. */
public final class PlaybookReader {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");
    private static final Pattern DAYS = Pattern.compile("(\\d{1,3})d");
    private static final Pattern DUE = Pattern.compile("(renewal-)?(\\d{1,3})([dh])");
    private static final Set<String> BANDS = Set.of("red", "yellow", "green");

    private final Set<String> rules;
    private final List<String> segments;
    private final Predicate<String> templateExists;
    private final Predicate<String> planExists;

    /**
     * @param rules the signal rule keys in force
     * @param segments the segment names accounts can have
     * @param templateExists whether an outreach template of that name exists
     */
    public PlaybookReader(Set<String> rules, List<String> segments, Predicate<String> templateExists) {
        this(rules, segments, templateExists, name -> true);
    }

    /** @param planExists whether a success-plan template of that name exists */
    public PlaybookReader(Set<String> rules, List<String> segments, Predicate<String> templateExists,
            Predicate<String> planExists) {
        this.planExists = planExists;
        this.rules = rules;
        this.segments = segments;
        this.templateExists = templateExists;
    }

    public List<PlaybookDefinition> readAll(List<ConfigFile> files) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<PlaybookDefinition> playbooks = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (ConfigFile file : files) {
            PlaybookDefinition playbook = read(file, problems);
            if (playbook != null) {
                String earlier = names.putIfAbsent(playbook.name(), file.origin());
                if (earlier != null) {
                    problems.add(new ConfigProblem(file.origin(), 0, "name", "another file already has the playbook name '"
                            + playbook.name() + "' (" + earlier + ")"));
                } else {
                    playbooks.add(playbook);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigInvalid(problems);
        }
        return List.copyOf(playbooks);
    }

    private PlaybookDefinition read(ConfigFile file, List<ConfigProblem> problems) {
        int before = problems.size();
        YamlNode root = YamlNode.parse(file, problems);
        if (root == null || !root.expectMap("name", "title", "description", "category", "trigger", "steps", "success-plan",
                "plan", "review", "when-cause-clears")) {
            return null;
        }
        String name = text(root.require("name"));
        if (name != null && !NAME.matcher(name).matches()) {
            root.get("name").problem("expected lower-case letters, digits and dashes (up to 60), got '" + name + "'");
        }
        String title = text(root.require("title"));
        String description = text(root.get("description"));
        SignalCategory category = parse(root.require("category"), SignalCategory.class);
        PlaybookDefinition.Trigger trigger = trigger(root.require("trigger"));
        List<PlaybookDefinition.Step> steps = new ArrayList<>();
        YamlNode stepList = root.require("steps");
        if (stepList != null) {
            for (YamlNode item : stepList.items()) {
                PlaybookDefinition.Step step = step(item);
                if (step != null) {
                    steps.add(step);
                }
            }
            if (steps.isEmpty() && stepList.isList()) {
                stepList.problem("expected at least one step");
            }
        }
        PlaybookDefinition.SuccessPlan plan = successPlan(root.get("success-plan"));
        String planTemplate = text(root.get("plan"));
        if (planTemplate != null && !planExists.test(planTemplate)) {
            root.get("plan").problem("no success-plan template is named '" + planTemplate + "' (config/plans/)");
        }
        String review = text(root.get("review"));
        if (review != null && !PlaybookDefinition.REVIEWS.contains(review.strip())) {
            root.get("review").problem("expected one of " + String.join(", ", PlaybookDefinition.REVIEWS) + ", got '" + review + "'");
        }
        PlaybookDefinition.WhenCauseClears whenCauseClears = PlaybookDefinition.WhenCauseClears.FLAG;
        YamlNode clears = root.get("when-cause-clears");
        if (clears != null) {
            switch (String.valueOf(clears.text()).trim()) {
                case "close" -> whenCauseClears = PlaybookDefinition.WhenCauseClears.CLOSE;
                case "flag" -> whenCauseClears = PlaybookDefinition.WhenCauseClears.FLAG;
                default -> clears.problem("expected close or flag, got '" + clears.text() + "'");
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new PlaybookDefinition(name, title, description == null ? "" : description, category, trigger,
                List.copyOf(steps), plan, planTemplate, review == null ? null : review.strip(), whenCauseClears, file.origin());
    }

    private PlaybookDefinition.Trigger trigger(YamlNode node) {
        if (node == null || !node.expectMap("any", "all", "when")) {
            return null;
        }
        List<String> any = ruleList(node.get("any"));
        List<String> all = ruleList(node.get("all"));
        if (none(node.get("any")) && none(node.get("all"))) {
            node.problem("expected signal rules under any or all");
        }
        Set<String> segs = new LinkedHashSet<>();
        Set<String> stages = new LinkedHashSet<>();
        Set<String> bands = new LinkedHashSet<>();
        BigDecimal minArr = null;
        BigDecimal maxArr = null;
        Integer renewalWithin = null;
        YamlNode when = node.get("when");
        if (when != null && when.expectMap("segments", "stages", "bands", "min-arr", "max-arr", "renewal-within")) {
            renewalWithin = when.get("renewal-within") == null ? null : days(when.get("renewal-within"));
            for (YamlNode item : list(when.get("segments"))) {
                String segment = item.text();
                if (segment != null && !segments.contains(segment.toLowerCase(Locale.ROOT))) {
                    item.problem("unknown segment '" + segment + "'; expected one of " + String.join(", ", segments));
                } else if (segment != null) {
                    segs.add(segment.toLowerCase(Locale.ROOT));
                }
            }
            for (YamlNode item : list(when.get("stages"))) {
                LifecycleStage stage = parse(item, LifecycleStage.class);
                if (stage != null) {
                    stages.add(Labels.of(stage));
                }
            }
            for (YamlNode item : list(when.get("bands"))) {
                String band = item.text();
                if (band != null && !BANDS.contains(band)) {
                    item.problem("expected one of red, yellow, green, got '" + band + "'");
                } else if (band != null) {
                    bands.add(band);
                }
            }
            minArr = when.get("min-arr") == null ? null : when.get("min-arr").number(BigDecimal.ZERO, new BigDecimal("1e12"));
            maxArr = when.get("max-arr") == null ? null : when.get("max-arr").number(BigDecimal.ZERO, new BigDecimal("1e12"));
            if (minArr != null && maxArr != null && maxArr.compareTo(minArr) < 0) {
                when.get("max-arr").problem("expected at least min-arr (" + minArr.toPlainString() + ")");
            }
        }
        return new PlaybookDefinition.Trigger(any, all, Set.copyOf(segs), Set.copyOf(stages), Set.copyOf(bands), minArr, maxArr,
                renewalWithin);
    }

    private List<String> ruleList(YamlNode node) {
        List<String> keys = new ArrayList<>();
        for (YamlNode item : list(node)) {
            String key = item.text();
            if (key != null && !rules.contains(key)) {
                item.problem("unknown signal rule '" + key + "'; the rules in force are " + String.join(", ",
                        new java.util.TreeSet<>(rules)));
            } else if (key != null) {
                keys.add(key);
            }
        }
        return List.copyOf(keys);
    }

    private PlaybookDefinition.Step step(YamlNode item) {
        if (!item.isMap()) {
            item.problem("expected a map with task or outreach");
            return null;
        }
        boolean outreach = item.get("outreach") != null;
        if (outreach == (item.get("task") != null)) {
            item.problem("expected exactly one of task (a title) or outreach (a template name)");
            return null;
        }
        if (outreach && !item.expectMap("outreach", "to", "owner", "due", "priority", "while-cause-lasts")
                || !outreach && !item.expectMap("task", "description", "owner", "due", "priority", "every", "while-cause-lasts")) {
            return null;
        }
        Team owner = item.get("owner") == null ? Team.CSM : parse(item.get("owner"), Team.class);
        PlaybookDefinition.Due due = due(item.require("due"));
        Duration every = item.get("every") == null ? null : every(item.get("every"));
        if (item.get("every") != null && every == null) {
            return null;
        }
        Priority priority = item.get("priority") == null ? Priority.NORMAL : parse(item.get("priority"), Priority.class);
        Boolean whileCauseLasts = whileCauseLasts(item.get("while-cause-lasts"), every != null);
        if (owner == null || due == null || priority == null || whileCauseLasts == null) {
            return null;
        }
        if (outreach) {
            String template = text(item.get("outreach"));
            if (template != null && !templateExists.test(template)) {
                item.get("outreach").problem("no outreach template is named '" + template + "'");
            }
            StakeholderRole to = item.get("to") == null ? StakeholderRole.CHAMPION : parse(item.get("to"), StakeholderRole.class);
            return template == null || to == null ? null
                    : new PlaybookDefinition.OutreachStep(template, Labels.of(to), owner, due, priority, whileCauseLasts);
        }
        String title = text(item.get("task"));
        String description = text(item.get("description"));
        if (title != null && title.length() > 300) {
            item.get("task").problem("must be at most 300 characters");
        }
        return title == null ? null
                : new PlaybookDefinition.TaskStep(title, description, owner, due, priority, every, whileCauseLasts);
    }

    /** {@code while-cause-lasts}: true or false (default false); a recurring step always lasts only while its cause does. */
    private static Boolean whileCauseLasts(YamlNode node, boolean recurs) {
        if (node == null) {
            return recurs;
        }
        String value = node.text() == null ? "" : node.text().trim();
        if (value.equals("true") || value.equals("false") && !recurs) {
            return value.equals("true");
        }
        node.problem(value.equals("false") ? "a step with every stops when its cause clears: leave out while-cause-lasts "
                + "or say true" : "expected true or false, got '" + value + "'");
        return null;
    }

    private PlaybookDefinition.SuccessPlan successPlan(YamlNode node) {
        if (node == null || !node.expectMap("outcomes", "milestones")) {
            return null;
        }
        List<String> outcomes = new ArrayList<>();
        for (YamlNode item : list(node.require("outcomes"))) {
            String outcome = item.text();
            if (outcome != null) {
                outcomes.add(outcome);
            }
        }
        List<PlaybookDefinition.Milestone> milestones = new ArrayList<>();
        for (YamlNode item : list(node.require("milestones"))) {
            if (item.expectMap("title", "due", "owner")) {
                String title = text(item.require("title"));
                PlaybookDefinition.Due due = due(item.require("due"));
                String owner = text(item.require("owner"));
                if (title != null && due != null && owner != null) {
                    milestones.add(new PlaybookDefinition.Milestone(title, due, owner));
                }
            }
        }
        return new PlaybookDefinition.SuccessPlan(List.copyOf(outcomes), List.copyOf(milestones));
    }

    /** Absent or an empty list (an unknown rule in it is reported as such, not as none). */
    private static boolean none(YamlNode node) {
        return node == null || node.isList() && node.items().isEmpty();
    }

    private static List<YamlNode> list(YamlNode node) {
        return node == null ? List.of() : node.items();
    }

    private static String text(YamlNode node) {
        return node == null ? null : node.text();
    }

    private static <E extends Enum<E>> E parse(YamlNode node, Class<E> type) {
        if (node == null || node.text() == null) {
            return null;
        }
        try {
            return Labels.parse(type, node.text());
        } catch (IllegalArgumentException e) {
            node.problem(e.getMessage());
            return null;
        }
    }

    /** {@code 3d} or {@code 2h} after the play starts, or {@code renewal-90d}: ninety days before the next renewal. */
    private static PlaybookDefinition.Due due(YamlNode node) {
        if (node == null || node.text() == null) {
            return null;
        }
        Matcher m = DUE.matcher(node.text().trim());
        if (!m.matches() || m.group(1) != null && m.group(3).equals("h")) {
            node.problem("expected days or hours after the play starts (3d, 2h) or days before the next renewal (renewal-90d), "
                    + "got '" + node.text() + "'");
            return null;
        }
        return new PlaybookDefinition.Due(Integer.parseInt(m.group(2)), m.group(3).equals("h"), m.group(1) != null);
    }

    /** How often a task recurs: at least an hour, at most a year ({@code 1h}, {@code 7d}). */
    private static Duration every(YamlNode node) {
        Matcher m = node.text() == null ? null : DUE.matcher(node.text().trim());
        if (m == null || !m.matches() || m.group(1) != null || Integer.parseInt(m.group(2)) == 0
                || m.group(3).equals("d") && Integer.parseInt(m.group(2)) > 366) {
            node.problem("expected how often the task recurs, in hours or days from 1h to 366d (1h, 7d), got '"
                    + node.text() + "'");
            return null;
        }
        int amount = Integer.parseInt(m.group(2));
        return m.group(3).equals("h") ? Duration.ofHours(amount) : Duration.ofDays(amount);
    }

    private static Integer days(YamlNode node) {
        if (node == null || node.text() == null) {
            return null;
        }
        Matcher m = DAYS.matcher(node.text());
        if (!m.matches()) {
            node.problem("expected a number of days such as 3d, got '" + node.text() + "'");
            return null;
        }
        return Integer.parseInt(m.group(1));
    }
}
