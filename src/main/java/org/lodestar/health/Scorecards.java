package org.lodestar.health;

import java.util.List;

/** The scorecards in force and which one an account gets: the most specific that applies. */
public record Scorecards(List<ScorecardDefinition> all) {

    public Scorecards {
        all = List.copyOf(all);
    }

    public ScorecardDefinition select(String segment, String stage) {
        ScorecardDefinition best = null;
        int bestRank = -1;
        for (ScorecardDefinition scorecard : all) {
            int rank = scorecard.specificity(segment, stage);
            if (rank > bestRank) {
                best = scorecard;
                bestRank = rank;
            }
        }
        return best;
    }

    /** The inputs any scorecard needs, so they are read once per account. */
    public java.util.Set<MeasureInput.Key> inputs() {
        java.util.Set<MeasureInput.Key> keys = new java.util.LinkedHashSet<>();
        all.forEach(s -> keys.addAll(s.inputKeys()));
        return keys;
    }

    /** The same scorecards with {@code replacement} in place of the one of the same name (or added). */
    public Scorecards with(ScorecardDefinition replacement) {
        List<ScorecardDefinition> changed = new java.util.ArrayList<>(all.stream()
                .filter(s -> !s.name().equals(replacement.name())).toList());
        changed.add(replacement);
        return new Scorecards(changed);
    }
}
