package org.lodestar.health;

import java.math.BigDecimal;
import java.util.List;

/** Writes a scorecard as the YAML the reader takes, so a fitted candidate can be read, compared and edited. */
public final class ScorecardYaml {

    private ScorecardYaml() {
    }

    /** The scorecard's file; each line of {@code header} becomes a comment at the top. */
    public static String write(ScorecardDefinition card, List<String> header) {
        StringBuilder y = new StringBuilder();
        header.forEach(line -> y.append("# ").append(line).append('\n'));
        y.append("name: ").append(card.name()).append('\n');
        y.append("version: \"").append(card.version()).append("\"\n");
        y.append("description: ").append(quoted(card.description())).append('\n');
        if (!card.segments().isEmpty() || !card.stages().isEmpty()) {
            y.append("applies-to:\n");
            if (!card.segments().isEmpty()) {
                y.append("  segments: [").append(String.join(", ", card.segments().stream().sorted().toList())).append("]\n");
            }
            if (!card.stages().isEmpty()) {
                y.append("  stages: [").append(String.join(", ", card.stages().stream().sorted().toList())).append("]\n");
            }
        }
        y.append("bands:\n  red: ").append(plain(card.bands().red())).append("\n  yellow: ").append(plain(card.bands().yellow()))
                .append('\n');
        y.append("minimum-data: ").append(plain(card.minimumData())).append("%\n");
        y.append("measures:\n");
        for (MeasureDefinition m : card.measures()) {
            y.append("  - key: ").append(m.key()).append('\n');
            y.append("    label: ").append(quoted(m.label())).append('\n');
            y.append("    input: ").append(m.input().label()).append('\n');
            if (m.windowDays() > 0) {
                y.append("    window: ").append(m.windowDays()).append("d\n");
            }
            y.append("    weight: ").append(plain(m.weight())).append('\n');
            y.append("    score:\n");
            switch (m.function()) {
                case ScoringFunction.Linear linear -> y.append("      linear: [").append(String.join(", ", linear.points().stream()
                        .map(p -> "[" + plain(p.x()) + ", " + plain(p.y()) + "]").toList())).append("]\n");
                case ScoringFunction.Thresholds steps -> {
                    y.append("      thresholds:\n");
                    steps.steps().forEach(s -> y.append("        - { below: ").append(plain(s.below())).append(", score: ")
                            .append(plain(s.score())).append(" }\n"));
                    y.append("      otherwise: ").append(plain(steps.otherwise())).append('\n');
                }
            }
            y.append("    missing: ").append(m.missing().label()).append('\n');
            if (m.scoreQuiet()) {
                y.append("    quiet: score\n");
            }
            if (m.fromDay() > 0) {
                y.append("    from-day: ").append(m.fromDay()).append('\n');
            }
        }
        if (!card.critical().isEmpty()) {
            y.append("critical:\n");
            for (CriticalCondition c : card.critical()) {
                y.append("  - key: ").append(c.key()).append('\n');
                y.append("    label: ").append(quoted(c.label())).append('\n');
                y.append("    when:\n");
                for (CriticalCondition.Part p : c.when()) {
                    y.append("      - { input: ").append(p.input().input().label());
                    if (p.input().windowDays() > 0) {
                        y.append(", window: ").append(p.input().windowDays()).append('d');
                    }
                    if (p.below() != null) {
                        y.append(", below: ").append(plain(p.below()));
                    }
                    if (p.atLeast() != null) {
                        y.append(", at-least: ").append(plain(p.atLeast()));
                    }
                    y.append(" }\n");
                }
                y.append("    band: ").append(c.atMost().label()).append('\n');
                if (c.fromDay() > 0) {
                    y.append("    from-day: ").append(c.fromDay()).append('\n');
                }
            }
        }
        return y.toString();
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static String quoted(String text) {
        return "\"" + (text == null ? "" : text.replace("\\", "\\\\").replace("\"", "\\\"")) + "\"";
    }
}
