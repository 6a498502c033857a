package org.lodestar.worklist;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.lodestar.accounts.CoverageModel;
import org.lodestar.accounts.TimeCategory;
import org.lodestar.config.ConfigFile;
import org.lodestar.config.ConfigInvalid;
import org.lodestar.config.ConfigProblem;
import org.lodestar.config.YamlNode;
import org.lodestar.infrastructure.Labels;
import org.lodestar.infrastructure.WholeMinutes;

/** Reads the time-split file, reporting every problem as file:line: field: problem. */
final class TimeTargetsReader {

    static final String FILE = "time-split.yaml";

    private static final String[] CATEGORIES = Arrays.stream(TimeCategory.values()).map(TimeCategory::label)
            .toArray(String[]::new);
    private static final String[] MODELS = Arrays.stream(CoverageModel.values()).map(CoverageModel::label)
            .toArray(String[]::new);

    /** The one file of the folder; any other file there is named, as it would be silently ignored. */
    TimeTargets read(List<ConfigFile> files) {
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigFile chosen = null;
        for (ConfigFile file : files) {
            if (file.name().equals(FILE)) {
                chosen = file;
            } else {
                problems.add(new ConfigProblem(file.origin(), 0, "", "is not read: the time split is configured in "
                        + FILE + " alone"));
            }
        }
        if (chosen == null) {
            problems.add(new ConfigProblem("time-split/" + FILE, 0, "", "is missing"));
            throw new ConfigInvalid(problems);
        }
        TimeTargets targets = read(chosen, problems);
        if (!problems.isEmpty()) {
            throw new ConfigInvalid(problems);
        }
        return targets;
    }

    private TimeTargets read(ConfigFile file, List<ConfigProblem> problems) {
        YamlNode root = YamlNode.parse(file, problems);
        if (root == null || !root.expectMap("zone", "task-minutes", "targets")) {
            return null;
        }
        ZoneId zone = zone(root.get("zone"));
        Map<TimeCategory, Integer> taskMinutes = taskMinutes(root.require("task-minutes"));
        Map<CoverageModel, Map<TimeCategory, Integer>> targets = new EnumMap<>(CoverageModel.class);
        YamlNode byModel = root.require("targets");
        if (byModel != null && byModel.expectMap(MODELS)) {
            for (CoverageModel model : CoverageModel.values()) {
                YamlNode split = byModel.require(model.label());
                if (split != null) {
                    targets.put(model, split(split));
                }
            }
        }
        return new TimeTargets(file.origin(), zone, taskMinutes, targets);
    }

    private static ZoneId zone(YamlNode node) {
        if (node == null) {
            return ZoneId.of("UTC");
        }
        String text = node.text();
        try {
            return text == null ? null : ZoneId.of(text);
        } catch (DateTimeException e) {
            node.problem("expected a time zone such as UTC or Europe/Berlin, got '" + text + "'");
            return null;
        }
    }

    /** Every category's default minutes, 1 to 1440 each. */
    private static Map<TimeCategory, Integer> taskMinutes(YamlNode node) {
        Map<TimeCategory, Integer> minutes = new EnumMap<>(TimeCategory.class);
        if (node == null || !node.expectMap(CATEGORIES)) {
            return minutes;
        }
        for (TimeCategory c : TimeCategory.values()) {
            YamlNode value = node.require(c.label());
            BigDecimal number = value == null ? null : whole(value, 1, WholeMinutes.MOST);
            if (number != null) {
                minutes.put(c, number.intValue());
            }
        }
        return minutes;
    }

    /** A coverage model's split: whole percents, a category left out being 0, summing to 100. */
    private static Map<TimeCategory, Integer> split(YamlNode node) {
        Map<TimeCategory, Integer> percents = new EnumMap<>(TimeCategory.class);
        if (!node.expectMap(CATEGORIES)) {
            return percents;
        }
        int sum = 0;
        boolean complete = true;
        for (TimeCategory c : TimeCategory.values()) {
            YamlNode value = node.get(c.label());
            BigDecimal number = value == null ? BigDecimal.ZERO : whole(value, 0, 100);
            if (number == null) {
                complete = false;
            } else {
                percents.put(c, number.intValue());
                sum += number.intValue();
            }
        }
        if (complete && sum != 100) {
            node.problem("the percentages sum to " + sum + "; expected 100 (" + Labels.choices(TimeCategory.class)
                    + "; a category left out is 0)");
        }
        return percents;
    }

    private static BigDecimal whole(YamlNode node, int min, int max) {
        BigDecimal number = node.number(BigDecimal.valueOf(min), BigDecimal.valueOf(max));
        if (number != null && number.stripTrailingZeros().scale() > 0) {
            node.problem("expected a whole number, got " + number.toPlainString());
            return null;
        }
        return number;
    }
}
