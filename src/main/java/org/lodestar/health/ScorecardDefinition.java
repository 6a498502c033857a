package org.lodestar.health;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * A scorecard as configured: measures with weights, band thresholds, and the segments and
 * lifecycle stages it is for (both empty: the default for every account no other scorecard claims).
 * {@code minimumData} is the share of the weight judged (0 to 100) that must rest on data before the scorecard
 * gives a score: below it the account has no score rather than one made of missing-data fill-ins.
 */
public record ScorecardDefinition(String name, String version, String description, Set<String> segments,
        Set<String> stages, Bands bands, List<MeasureDefinition> measures, List<CriticalCondition> critical,
        BigDecimal minimumData, String file) {

    /** The minimum share of data of a scorecard file that names none, in percent of the weight judged. */
    public static final BigDecimal DEFAULT_MINIMUM_DATA = BigDecimal.valueOf(15);

    public ScorecardDefinition {
        segments = Set.copyOf(segments);
        stages = Set.copyOf(stages);
        measures = List.copyOf(measures);
        critical = List.copyOf(critical);
        java.util.Objects.requireNonNull(minimumData, "minimumData");
    }

    /** A scorecard that scores on whatever data there is (no minimum share). */
    public ScorecardDefinition(String name, String version, String description, Set<String> segments, Set<String> stages,
            Bands bands, List<MeasureDefinition> measures, List<CriticalCondition> critical, String file) {
        this(name, version, description, segments, stages, bands, measures, critical, BigDecimal.ZERO, file);
    }

    /** A scorecard without critical conditions. */
    public ScorecardDefinition(String name, String version, String description, Set<String> segments, Set<String> stages,
            Bands bands, List<MeasureDefinition> measures, String file) {
        this(name, version, description, segments, stages, bands, measures, List.of(), BigDecimal.ZERO, file);
    }

    /** The inputs the measures and the critical conditions read. */
    public Set<MeasureInput.Key> inputKeys() {
        Set<MeasureInput.Key> keys = new java.util.LinkedHashSet<>();
        measures.forEach(m -> keys.add(m.inputKey()));
        critical.forEach(c -> c.when().forEach(w -> keys.add(w.input())));
        return keys;
    }

    /** How closely the scorecard targets an account: a stage counts more than a segment. -1 when it does not apply. */
    public int specificity(String segment, String stage) {
        boolean segmentOk = segments.isEmpty() || segments.contains(segment);
        boolean stageOk = stages.isEmpty() || stages.contains(stage);
        if (!segmentOk || !stageOk) {
            return -1;
        }
        return (stages.isEmpty() ? 0 : 2) + (segments.isEmpty() ? 0 : 1);
    }

    public String appliesTo() {
        if (segments.isEmpty() && stages.isEmpty()) {
            return "every other account";
        }
        StringBuilder text = new StringBuilder();
        if (!stages.isEmpty()) {
            text.append("stage ").append(String.join(", ", stages.stream().sorted().toList()));
        }
        if (!segments.isEmpty()) {
            text.append(text.isEmpty() ? "" : "; ").append("segment ").append(String.join(", ", segments.stream().sorted().toList()));
        }
        return text.toString();
    }
}
