package org.lodestar.signals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lodestar.accounts.CoverageModel;
import org.lodestar.accounts.StakeholderRole;
import org.lodestar.config.ConfigFile;
import org.lodestar.config.ConfigInvalid;
import org.lodestar.config.ConfigProblem;
import org.lodestar.config.YamlNode;
import org.lodestar.infrastructure.Labels;

/** Reads signal rule files (format in docs/signals.md), naming file, line and field for every problem. */
public final class SignalRuleReader {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");
    private static final Pattern DAYS = Pattern.compile("(\\d{1,4})d");
    private static final List<String> COMMON = List.of("key", "kind", "category", "severity", "description", "escalate");

    /** Every rule of a configuration; keys are unique across files. */
    public List<SignalRule> readAll(List<ConfigFile> files) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<SignalRule> rules = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (ConfigFile file : files) {
            YamlNode root = YamlNode.parse(file, problems);
            if (root == null || !root.expectMap("rules")) {
                continue;
            }
            YamlNode list = root.require("rules");
            if (list == null) {
                continue;
            }
            for (YamlNode item : list.items()) {
                SignalRule rule = read(item, file.origin(), problems);
                if (rule != null) {
                    String earlier = seen.putIfAbsent(rule.key(), file.origin());
                    if (earlier != null) {
                        item.get("key").problem("another rule already has the key '" + rule.key() + "' (in " + earlier + ")");
                    } else {
                        rules.add(rule);
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigInvalid(problems);
        }
        return List.copyOf(rules);
    }

    /**
     * The keys the rule files give, whether or not each rule is valid (its problems are {@link #readAll}'s), so what
     * refers to a rule can be checked without being blamed for the rule's own problems.
     */
    public static Set<String> keysWritten(List<ConfigFile> files) {
        List<ConfigProblem> reportedByReadAll = new ArrayList<>();
        Set<String> keys = new TreeSet<>();
        for (ConfigFile file : files) {
            YamlNode root = YamlNode.parse(file, reportedByReadAll);
            YamlNode list = root == null ? null : root.get("rules");
            if (list != null && list.isList()) {
                for (YamlNode item : list.items()) {
                    YamlNode key = item.get("key");
                    if (key != null && key.isScalar()) {
                        keys.add(key.text());
                    }
                }
            }
        }
        return keys;
    }

    private static SignalRule read(YamlNode item, String file, List<ConfigProblem> problems) {
        int before = problems.size();
        YamlNode kindNode = item.isMap() ? item.require("kind") : null;
        SignalKind kind = null;
        if (kindNode != null && kindNode.text() != null) {
            try {
                kind = Labels.parse(SignalKind.class, kindNode.text());
            } catch (IllegalArgumentException e) {
                kindNode.problem("unknown kind: " + e.getMessage());
            }
        }
        List<String> allowed = new ArrayList<>(COMMON);
        if (kind != null) {
            allowed.addAll(kind.settings());
        }
        if (!item.expectMap(allowed.toArray(String[]::new)) || kind == null) {
            return null;
        }
        String key = text(item.require("key"));
        if (key != null && !KEY.matcher(key).matches()) {
            item.get("key").problem("expected lower-case letters, digits and dashes (up to 60), got '" + key + "'");
        }
        SignalCategory category = kind.defaultCategory();
        YamlNode categoryNode = item.get("category");
        if (categoryNode != null && categoryNode.text() != null) {
            try {
                category = SignalCategory.parse(categoryNode.text());
            } catch (IllegalArgumentException e) {
                categoryNode.problem(e.getMessage());
            }
        }
        Severity severity = kind.defaultSeverity();
        YamlNode severityNode = item.get("severity");
        if (severityNode != null && severityNode.text() != null) {
            try {
                severity = Severity.parse(severityNode.text());
            } catch (IllegalArgumentException e) {
                severityNode.problem(e.getMessage());
            }
        }
        String description = text(item.get("description"));
        boolean escalates = false;
        YamlNode escalateNode = item.get("escalate");
        if (escalateNode != null && escalateNode.text() != null) {
            switch (escalateNode.text().trim()) {
                case "true" -> escalates = true;
                case "false" -> escalates = false;
                default -> escalateNode.problem("expected true or false, got '" + escalateNode.text() + "'");
            }
        }
        BigDecimal threshold = null;
        Integer days = null;
        Integer until = null;
        Integer complete = null;
        Set<StakeholderRole> roles = Set.of(StakeholderRole.ECONOMIC_SPONSOR, StakeholderRole.CHAMPION);
        List<String> features = List.of();
        Map<CoverageModel, Integer> cadence = Map.of();
        Set<String> segments = Set.of();
        Integer heldWithin = null;
        switch (kind) {
            case HEALTH_BELOW -> threshold = number(item.require("threshold"), 0, 100);
            case DATA_HYGIENE -> threshold = number(item.require("threshold"), 1, 100);
            case USAGE_DROP -> {
                threshold = number(item.require("percent"), 1, 100);
                days = days(item.require("days"));
            }
            case OVER_UTILISATION -> {
                threshold = number(item.require("percent"), 1, 10_000);
                // The same window as licence utilisation in the usage report and scorecards: 30 days unless told.
                days = item.get("days") == null ? 30 : days(item.get("days"));
            }
            case ADOPTION_DEPTH -> threshold = number(item.require("percent"), 1, 100);
            case TICKETS_UNRESOLVED -> threshold = number(item.require("above"), 0, 10_000);
            case NPS_DETRACTOR -> {
                threshold = number(item.require("max-score"), 0, 10);
                days = days(item.require("days"));
            }
            case RENEWAL_AHEAD -> {
                days = days(item.require("days"));
                until = days(item.require("until"));
                if (days != null && until != null && until >= days) {
                    item.get("until").problem("expected fewer days than days (" + days + "d), got " + until + "d");
                }
            }
            case ONBOARDING_OVERDUE -> {
                days = days(item.require("kickoff-within"));
                complete = days(item.require("complete-within"));
            }
            case FEATURE_USED -> {
                days = days(item.require("days"));
                YamlNode list = item.require("features");
                if (list != null) {
                    List<String> names = new ArrayList<>();
                    for (YamlNode feature : list.items()) {
                        String name = text(feature);
                        if (name != null && !name.isBlank()) {
                            names.add(name);
                        }
                    }
                    if (names.isEmpty() && list.isList()) {
                        list.problem("expected at least one feature (a product event name)");
                    }
                    features = List.copyOf(names);
                }
            }
            case STAKEHOLDER_LEFT, STAKEHOLDER_JOINED -> {
                days = days(item.require("days"));
                YamlNode list = item.get("roles");
                if (list != null) {
                    Set<StakeholderRole> chosen = new LinkedHashSet<>();
                    for (YamlNode role : list.items()) {
                        try {
                            chosen.add(Labels.parse(StakeholderRole.class, role.text()));
                        } catch (IllegalArgumentException e) {
                            role.problem("unknown role: " + e.getMessage());
                        }
                    }
                    roles = Set.copyOf(chosen);
                }
            }
            case BUSINESS_REVIEW_DUE -> cadence = cadence(item.require("cadence"));
            case EXECUTIVE_REVIEW_DUE -> {
                days = days(item.require("days"));
                heldWithin = days(item.require("held-within"));
                YamlNode list = item.require("segments");
                if (list != null) {
                    Set<String> names = new LinkedHashSet<>();
                    for (YamlNode segment : list.items()) {
                        String name = text(segment);
                        if (name != null && !name.isBlank()) {
                            names.add(name.trim().toLowerCase(Locale.ROOT));
                        }
                    }
                    if (names.isEmpty() && list.isList()) {
                        list.problem("expected at least one segment, such as enterprise");
                    }
                    segments = Set.copyOf(names);
                }
            }
            default -> days = kind.settings().contains("days") ? days(item.require("days")) : null;
        }
        if (problems.size() > before) {
            return null;
        }
        return new SignalRule(key, kind, category, severity, description == null ? "" : description, threshold, days,
                until, complete, roles, features, cadence, segments, heldWithin, escalates, file);
    }

    /** Days between reviews per coverage model, such as {@code high-touch: 90d}; at least one model. */
    private static Map<CoverageModel, Integer> cadence(YamlNode node) {
        if (node == null) {
            return Map.of();
        }
        String[] models = Arrays.stream(CoverageModel.values()).map(CoverageModel::label).toArray(String[]::new);
        if (!node.expectMap(models)) {
            return Map.of();
        }
        Map<CoverageModel, Integer> cadence = new EnumMap<>(CoverageModel.class);
        for (CoverageModel model : CoverageModel.values()) {
            Integer days = days(node.get(model.label()));
            if (days != null) {
                cadence.put(model, days);
            }
        }
        if (cadence.isEmpty()) {
            node.problem("expected the days between reviews for at least one coverage model, such as high-touch: 90d");
        }
        return Map.copyOf(cadence);
    }

    private static String text(YamlNode node) {
        return node == null ? null : node.text();
    }

    private static BigDecimal number(YamlNode node, long min, long max) {
        return node == null ? null : node.number(BigDecimal.valueOf(min), BigDecimal.valueOf(max));
    }

    private static Integer days(YamlNode node) {
        if (node == null) {
            return null;
        }
        String text = node.text();
        if (text == null) {
            return null;
        }
        Matcher m = DAYS.matcher(text);
        if (!m.matches()) {
            node.problem("expected a number of days such as 30d, got '" + text + "'");
            return null;
        }
        return Integer.parseInt(m.group(1));
    }
}
