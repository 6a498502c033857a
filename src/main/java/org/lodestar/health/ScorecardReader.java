package org.lodestar.health;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lodestar.accounts.LifecycleStage;
import org.lodestar.config.ConfigFile;
import org.lodestar.config.ConfigInvalid;
import org.lodestar.config.ConfigProblem;
import org.lodestar.config.YamlNode;
import org.lodestar.infrastructure.Labels;

/** Reads scorecard YAML (format in docs/health.md) and checks it, naming file, line and field for every problem. */
public final class ScorecardReader {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");
    private static final Pattern DAYS = Pattern.compile("(\\d{1,3})d");
    private static final Pattern FROM_DAY = Pattern.compile("\\d{1,3}");
    private static final Pattern POLICY = Pattern.compile("(exclude|neutral|penalty|carry-last)(?:\\s+(\\S+))?");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal BIG = new BigDecimal("1000000000");

    private final Set<String> segments;

    /** @param segments the segment names accounts can have, to check {@code applies-to.segments} */
    public ScorecardReader(List<String> segments) {
        this.segments = new LinkedHashSet<>(segments);
    }

    /** Every scorecard of a configuration, checked together: unique names, no two claiming the same accounts, a default. */
    public Scorecards readAll(List<ConfigFile> files) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<Read> scorecards = new ArrayList<>();
        for (ConfigFile file : files) {
            Read scorecard = read(file, problems);
            if (scorecard != null) {
                scorecards.add(scorecard);
            }
        }
        if (problems.isEmpty()) {
            checkTogether(scorecards, problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigInvalid(problems);
        }
        return new Scorecards(scorecards.stream().map(Read::scorecard).toList());
    }

    /** One scorecard file on its own (a candidate for a dry-run or backtest). */
    public ScorecardDefinition readOne(ConfigFile file) {
        List<ConfigProblem> problems = new ArrayList<>();
        Read scorecard = read(file, problems);
        if (!problems.isEmpty()) {
            throw new ConfigInvalid(problems);
        }
        return scorecard.scorecard();
    }

    /** A scorecard with the file it came from and the line of its name, to point at them when files conflict. */
    private record Read(ScorecardDefinition scorecard, ConfigFile file, int nameLine) {

        boolean shipped() {
            return file.origin().startsWith("shipped:");
        }
    }

    /**
     * Of two files in conflict, the one to report: the one a user wrote rather than a shipped one (which only a
     * file of the same file name replaces), otherwise the later one.
     */
    private static Read blamed(Read earlier, Read later) {
        return later.shipped() && !earlier.shipped() ? earlier : later;
    }

    private void checkTogether(List<Read> scorecards, List<ConfigProblem> problems) {
        Map<String, Read> byName = new HashMap<>();
        for (int i = 0; i < scorecards.size(); i++) {
            Read current = scorecards.get(i);
            Read sameName = byName.putIfAbsent(current.scorecard().name(), current);
            if (sameName != null) {
                problems.add(sameName(sameName, current));
            }
            for (int j = 0; j < i; j++) {
                Read earlier = scorecards.get(j);
                String overlap = overlap(earlier.scorecard(), current.scorecard());
                if (overlap != null) {
                    Read blamed = blamed(earlier, current);
                    Read other = blamed == current ? earlier : current;
                    problems.add(new ConfigProblem(blamed.file().origin(), 0, "applies-to", "claims the same accounts as "
                            + other.file().origin() + " (" + overlap + "); make one of them more specific"));
                }
            }
        }
        if (scorecards.stream().map(Read::scorecard).noneMatch(s -> s.segments().isEmpty() && s.stages().isEmpty())) {
            problems.add(new ConfigProblem("scorecards", 0, "applies-to",
                    "no scorecard is the default (one without applies-to), so some accounts would have none"));
        }
    }

    /** Two files with one scorecard name, reported on the user's file with the way to replace a shipped scorecard. */
    private static ConfigProblem sameName(Read earlier, Read later) {
        Read blamed = blamed(earlier, later);
        Read other = blamed == later ? earlier : later;
        String message = "another file already has the scorecard name '" + blamed.scorecard().name() + "' ("
                + other.file().origin() + ")";
        if (other.shipped()) {
            message += "; to replace that scorecard, name this file " + other.file().name();
        }
        return new ConfigProblem(blamed.file().origin(), blamed.nameLine(), "name", message);
    }

    private static String overlap(ScorecardDefinition a, ScorecardDefinition b) {
        if (a.stages().isEmpty() != b.stages().isEmpty() || a.segments().isEmpty() != b.segments().isEmpty()) {
            return null;
        }
        Set<String> stages = new HashSet<>(a.stages());
        stages.retainAll(b.stages());
        Set<String> segs = new HashSet<>(a.segments());
        segs.retainAll(b.segments());
        boolean stagesMeet = a.stages().isEmpty() || !stages.isEmpty();
        boolean segmentsMeet = a.segments().isEmpty() || !segs.isEmpty();
        if (!stagesMeet || !segmentsMeet) {
            return null;
        }
        if (a.stages().isEmpty() && a.segments().isEmpty()) {
            return "both are the default";
        }
        List<String> parts = new ArrayList<>();
        if (!stages.isEmpty()) {
            parts.add("stage " + String.join(", ", stages.stream().sorted().toList()));
        }
        if (!segs.isEmpty()) {
            parts.add("segment " + String.join(", ", segs.stream().sorted().toList()));
        }
        return String.join("; ", parts);
    }

    private Read read(ConfigFile file, List<ConfigProblem> problems) {
        int before = problems.size();
        YamlNode root = YamlNode.parse(file, problems);
        if (root == null || !root.expectMap("name", "version", "description", "applies-to", "bands", "minimum-data", "measures",
                "critical")) {
            return null;
        }
        YamlNode nameNode = root.require("name");
        String name = name(nameNode);
        YamlNode versionNode = root.require("version");
        String version = versionNode == null ? null : versionNode.text();
        YamlNode descriptionNode = root.get("description");
        String description = descriptionNode == null ? "" : descriptionNode.text();
        Set<String> segmentSet = new LinkedHashSet<>();
        Set<String> stageSet = new LinkedHashSet<>();
        YamlNode appliesTo = root.get("applies-to");
        if (appliesTo != null && appliesTo.expectMap("segments", "stages")) {
            YamlNode segs = appliesTo.get("segments");
            if (segs != null) {
                for (YamlNode item : segs.items()) {
                    String segment = item.text();
                    if (segment != null && !segments.contains(segment.toLowerCase(Locale.ROOT))) {
                        item.problem("unknown segment '" + segment + "'; expected one of " + String.join(", ", segments));
                    } else if (segment != null) {
                        segmentSet.add(segment.toLowerCase(Locale.ROOT));
                    }
                }
            }
            YamlNode stages = appliesTo.get("stages");
            if (stages != null) {
                for (YamlNode item : stages.items()) {
                    String stage = item.text();
                    try {
                        stageSet.add(Labels.of(Labels.parse(LifecycleStage.class, stage)));
                    } catch (IllegalArgumentException e) {
                        item.problem("unknown lifecycle stage: " + e.getMessage());
                    }
                }
            }
        }
        Bands bands = bands(root.get("bands"));
        BigDecimal minimumData = minimumData(root.get("minimum-data"));
        List<MeasureDefinition> measures = new ArrayList<>();
        YamlNode measuresNode = root.require("measures");
        if (measuresNode != null) {
            List<YamlNode> items = measuresNode.items();
            if (items.isEmpty() && measuresNode.isList()) {
                measuresNode.problem("needs at least one measure");
            }
            Set<String> keys = new HashSet<>();
            for (YamlNode item : items) {
                MeasureDefinition measure = measure(item);
                if (measure != null) {
                    if (!keys.add(measure.key())) {
                        item.get("key").problem("another measure of this scorecard has the key '" + measure.key() + "'");
                    }
                    measures.add(measure);
                }
            }
        }
        List<CriticalCondition> critical = new ArrayList<>();
        YamlNode criticalNode = root.get("critical");
        if (criticalNode != null) {
            Set<String> keys = new HashSet<>(measures.stream().map(MeasureDefinition::key).toList());
            for (YamlNode item : criticalNode.items()) {
                CriticalCondition condition = critical(item);
                if (condition != null) {
                    if (!keys.add(condition.key())) {
                        item.get("key").problem("a measure or another critical condition of this scorecard has the key '"
                                + condition.key() + "'");
                    }
                    critical.add(condition);
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new Read(new ScorecardDefinition(name, version, description, segmentSet, stageSet, bands, measures, critical,
                minimumData, file.origin()), file, nameNode.line());
    }

    private static String name(YamlNode node) {
        if (node == null) {
            return null;
        }
        String text = node.text();
        if (text != null && !NAME.matcher(text).matches()) {
            node.problem("expected lower-case letters, digits and dashes (up to 60), got '" + text + "'");
        }
        return text;
    }

    /**
     * {@code minimum-data}: the share of the weight judged that must rest on data before the scorecard gives a score, as
     * a percentage ("15%" or 15, 0 to 100); {@link ScorecardDefinition#DEFAULT_MINIMUM_DATA} when absent. Null, with the
     * problem reported, when it is not such a share.
     */
    private static BigDecimal minimumData(YamlNode node) {
        if (node == null) {
            return ScorecardDefinition.DEFAULT_MINIMUM_DATA;
        }
        String text = node.text();
        String number = text == null ? "" : text.strip().replaceFirst("\\s*%$", "");
        try {
            BigDecimal share = new BigDecimal(number);
            if (share.signum() >= 0 && share.compareTo(HUNDRED) <= 0) {
                return share.stripTrailingZeros().scale() < 0 ? share.setScale(0) : share.stripTrailingZeros();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        node.problem("expected the share of the weight judged that must have data before an account is scored, from 0% to "
                + "100%, e.g. 15%, got '" + text + "'");
        return null;
    }

    private static Bands bands(YamlNode node) {
        if (node == null) {
            return Bands.CLASSIC;
        }
        if (!node.expectMap("red", "yellow")) {
            return null;
        }
        YamlNode redNode = node.require("red");
        YamlNode yellowNode = node.require("yellow");
        BigDecimal red = redNode == null ? null : redNode.number(BigDecimal.ZERO, HUNDRED);
        BigDecimal yellow = yellowNode == null ? null : yellowNode.number(BigDecimal.ZERO, HUNDRED);
        if (red != null && yellow != null && red.compareTo(yellow) > 0) {
            yellowNode.problem("must be at least red (" + red.toPlainString() + "): scores below red are red, below yellow are yellow");
        }
        return red == null || yellow == null ? null : new Bands(red, yellow);
    }

    /** key, label, band (red or yellow: the most the band may be) and when: parts on inputs, all of which must hold. */
    private static CriticalCondition critical(YamlNode node) {
        if (!node.expectMap("key", "label", "when", "band", "from-day")) {
            return null;
        }
        String key = name(node.require("key"));
        YamlNode labelNode = node.get("label");
        String label = labelNode == null ? key : labelNode.text();
        Band band = null;
        YamlNode bandNode = node.require("band");
        if (bandNode != null) {
            String text = bandNode.text();
            if ("red".equals(text) || "yellow".equals(text)) {
                band = Band.parse(text);
            } else {
                bandNode.problem("expected red or yellow (the most the band may be when the condition holds), got '" + text + "'");
            }
        }
        List<CriticalCondition.Part> parts = new ArrayList<>();
        YamlNode whenNode = node.require("when");
        boolean partsOk = true;
        if (whenNode != null) {
            List<YamlNode> items = whenNode.items();
            if (items.isEmpty()) {
                whenNode.problem("expected a list of parts, e.g. - { input: licence-utilisation, window: 30d, below: 30 }");
                partsOk = false;
            }
            for (YamlNode item : items) {
                CriticalCondition.Part part = part(item);
                if (part == null) {
                    partsOk = false;
                } else {
                    parts.add(part);
                }
            }
        }
        Integer fromDay = fromDay(node.get("from-day"));
        if (key == null || band == null || whenNode == null || !partsOk || fromDay == null) {
            return null;
        }
        return new CriticalCondition(key, label, parts, band, fromDay);
    }

    private static CriticalCondition.Part part(YamlNode node) {
        if (!node.expectMap("input", "window", "below", "at-least")) {
            return null;
        }
        MeasureInput.Key input = inputKey(node);
        YamlNode belowNode = node.get("below");
        YamlNode atLeastNode = node.get("at-least");
        if (belowNode == null && atLeastNode == null) {
            node.problem("expected below, at-least or both (the values for which this part holds)");
            return null;
        }
        BigDecimal below = belowNode == null ? null : belowNode.number(BIG.negate(), BIG);
        BigDecimal atLeast = atLeastNode == null ? null : atLeastNode.number(BIG.negate(), BIG);
        if (below != null && atLeast != null && atLeast.compareTo(below) >= 0) {
            atLeastNode.problem("must be less than below (" + below.toPlainString() + "), or no value could hold");
            return null;
        }
        if (input == null || belowNode != null && below == null || atLeastNode != null && atLeast == null) {
            return null;
        }
        return new CriticalCondition.Part(input, below, atLeast);
    }

    private static MeasureDefinition measure(YamlNode node) {
        if (!node.expectMap("key", "label", "input", "window", "weight", "score", "missing", "quiet", "from-day")) {
            return null;
        }
        String key = name(node.require("key"));
        YamlNode labelNode = node.get("label");
        String label = labelNode == null ? key : labelNode.text();
        MeasureInput.Key inputKey = inputKey(node);
        MeasureInput input = inputKey == null ? null : inputKey.input();
        YamlNode weightNode = node.require("weight");
        BigDecimal weight = weightNode == null ? null : weightNode.number(BigDecimal.ZERO, BIG);
        if (weight != null && weight.signum() == 0) {
            weightNode.problem("must be more than 0 (remove the measure instead)");
        }
        YamlNode scoreNode = node.require("score");
        ScoringFunction function = scoreNode == null ? null : function(scoreNode);
        YamlNode missingNode = node.require("missing");
        MissingDataPolicy missing = missingNode == null ? null : policy(missingNode);
        boolean scoreQuiet = false;
        YamlNode quietNode = node.get("quiet");
        if (quietNode != null) {
            if (input != null && !input.countsTrouble()) {
                quietNode.problem(input.label() + " does not count trouble, so it has no quiet value to leave out or score");
            } else if ("score".equals(quietNode.text())) {
                scoreQuiet = true;
            } else if (!"exclude".equals(quietNode.text())) {
                quietNode.problem("expected exclude (the default: 0 means nothing happened and is not counted) or score (0 is "
                        + "scored like any value), got '" + quietNode.text() + "'");
            }
        }
        Integer fromDay = fromDay(node.get("from-day"));
        if (key == null || input == null || weight == null || function == null || missing == null || fromDay == null) {
            return null;
        }
        return new MeasureDefinition(key, label, input.group(), input, inputKey.windowDays(), function, weight, missing,
                scoreQuiet, fromDay);
    }

    /**
     * {@code from-day}: the account age (days since the customer started, 0 on the first day) from which a measure or
     * critical condition is judged; 0 when absent. Null, with the problem reported, when it is not a whole number of
     * days from 0 to 730.
     */
    private static Integer fromDay(YamlNode node) {
        if (node == null) {
            return 0;
        }
        String text = node.text();
        if (text == null || !FROM_DAY.matcher(text).matches() || Integer.parseInt(text) > 730) {
            node.problem("expected the account age in whole days (0 to 730) from which this is judged, e.g. 14, got '"
                    + text + "'");
            return null;
        }
        return Integer.parseInt(text);
    }

    /**
     * The {@code input} of a measure or a critical condition's part, with its {@code window} (required for a windowed
     * input, refused for a state on the date); null, with the problem reported, when either is wrong.
     */
    private static MeasureInput.Key inputKey(YamlNode node) {
        MeasureInput input = null;
        YamlNode inputNode = node.require("input");
        if (inputNode != null && inputNode.text() != null) {
            try {
                input = Labels.parse(MeasureInput.class, inputNode.text());
            } catch (IllegalArgumentException e) {
                inputNode.problem("unknown input: " + e.getMessage());
            }
        }
        YamlNode windowNode = node.get("window");
        if (input == null) {
            return null;
        }
        if (input.windowed() && windowNode == null) {
            node.require("window");
            return null;
        }
        if (!input.windowed() && windowNode != null) {
            windowNode.problem(input.label() + " is a state on the date and takes no window");
            return null;
        }
        return new MeasureInput.Key(input, windowNode == null ? 0 : days(windowNode));
    }

    private static int days(YamlNode node) {
        String text = node.text();
        Matcher m = text == null ? null : DAYS.matcher(text);
        if (m == null || !m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 730) {
            node.problem("expected a number of days from 1d to 730d, e.g. 30d, got '" + text + "'");
            return 0;
        }
        return Integer.parseInt(m.group(1));
    }

    private static ScoringFunction function(YamlNode node) {
        if (!node.expectMap("linear", "thresholds", "otherwise")) {
            return null;
        }
        YamlNode linear = node.get("linear");
        YamlNode thresholds = node.get("thresholds");
        if ((linear == null) == (thresholds == null)) {
            node.problem("expected exactly one of linear (points [value, score]) or thresholds (steps with below and score)");
            return null;
        }
        if (linear != null) {
            if (node.get("otherwise") != null) {
                node.get("otherwise").problem("only thresholds take otherwise");
            }
            return linear(linear);
        }
        return thresholds(thresholds, node.require("otherwise"));
    }

    private static ScoringFunction linear(YamlNode node) {
        List<ScoringFunction.Point> points = new ArrayList<>();
        List<YamlNode> items = node.items();
        for (YamlNode item : items) {
            List<YamlNode> pair = item.isList() ? item.items() : List.of();
            if (pair.size() != 2) {
                item.problem("expected a point [value, score], e.g. [10, 80]");
                continue;
            }
            BigDecimal x = pair.get(0).number(BIG.negate(), BIG);
            BigDecimal y = pair.get(1).number(BigDecimal.ZERO, HUNDRED);
            if (x == null || y == null) {
                continue;
            }
            if (!points.isEmpty() && x.compareTo(points.getLast().x()) <= 0) {
                pair.get(0).problem("values must increase from point to point, got " + x.toPlainString() + " after "
                        + points.getLast().x().toPlainString());
                continue;
            }
            points.add(new ScoringFunction.Point(x, y));
        }
        if (node.isList() && items.size() < 2) {
            node.problem("needs at least two points, got " + items.size());
            return null;
        }
        // A point left out was reported above, with what is wrong with it.
        return points.size() == items.size() ? new ScoringFunction.Linear(points) : null;
    }

    private static ScoringFunction thresholds(YamlNode node, YamlNode otherwiseNode) {
        List<ScoringFunction.Step> steps = new ArrayList<>();
        for (YamlNode item : node.items()) {
            if (!item.expectMap("below", "score")) {
                continue;
            }
            YamlNode belowNode = item.require("below");
            YamlNode scoreNode = item.require("score");
            BigDecimal below = belowNode == null ? null : belowNode.number(BIG.negate(), BIG);
            BigDecimal score = scoreNode == null ? null : scoreNode.number(BigDecimal.ZERO, HUNDRED);
            if (below == null || score == null) {
                continue;
            }
            if (!steps.isEmpty() && below.compareTo(steps.getLast().below()) <= 0) {
                belowNode.problem("steps must go up: " + below.toPlainString() + " is not above "
                        + steps.getLast().below().toPlainString());
                continue;
            }
            steps.add(new ScoringFunction.Step(below, score));
        }
        if (steps.isEmpty()) {
            node.problem("needs at least one step");
            return null;
        }
        BigDecimal otherwise = otherwiseNode == null ? null : otherwiseNode.number(BigDecimal.ZERO, HUNDRED);
        return otherwise == null ? null : new ScoringFunction.Thresholds(steps, otherwise);
    }

    private static MissingDataPolicy policy(YamlNode node) {
        String text = node.text();
        Matcher m = text == null ? null : POLICY.matcher(text);
        if (m == null || !m.matches()) {
            node.problem("expected exclude, neutral [score], penalty [score] or carry-last [days]d, got '" + text + "'");
            return null;
        }
        String argument = m.group(2);
        try {
            return switch (m.group(1)) {
                case "exclude" -> {
                    if (argument != null) {
                        node.problem("exclude takes nothing after it");
                        yield null;
                    }
                    yield new MissingDataPolicy.Exclude();
                }
                case "neutral" -> new MissingDataPolicy.Neutral(score(argument, "50"));
                case "penalty" -> new MissingDataPolicy.Penalty(score(argument, "0"));
                default -> {
                    Matcher d = DAYS.matcher(argument == null ? "90d" : argument);
                    if (!d.matches() || Integer.parseInt(d.group(1)) < 1) {
                        throw new IllegalArgumentException("carry-last takes a maximum age such as 90d, got '" + argument + "'");
                    }
                    yield new MissingDataPolicy.CarryLast(Integer.parseInt(d.group(1)));
                }
            };
        } catch (IllegalArgumentException e) {
            node.problem(e.getMessage());
            return null;
        }
    }

    private static BigDecimal score(String argument, String fallback) {
        try {
            BigDecimal score = new BigDecimal(argument == null ? fallback : argument);
            if (score.signum() < 0 || score.compareTo(HUNDRED) > 0) {
                throw new NumberFormatException();
            }
            return score;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a sub-score from 0 to 100 after the policy, got '" + argument + "'");
        }
    }
}
