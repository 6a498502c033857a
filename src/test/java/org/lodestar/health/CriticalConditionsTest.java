package org.lodestar.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lodestar.config.ConfigFile;
import org.lodestar.config.ConfigInvalid;

/**
 * Critical conditions cap the band whatever the average says, and a measure of trouble that counted
 * none (no ticket, nothing overdue) is left out rather than paying full marks. Scores by hand in each comment.
 */
class CriticalConditionsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

    static final String CARD = """
            name: crit
            version: t1
            bands: { red: 60, yellow: 75 }
            measures:
              - { key: utilisation, input: licence-utilisation, window: 30d, weight: 40, score: { linear: [[0, 0], [100, 100]] }, missing: exclude }
              - { key: nps, input: nps, window: 180d, weight: 40, score: { linear: [[0, 0], [10, 100]] }, missing: exclude }
              - { key: urgent, input: urgent-open-tickets, weight: 20, score: { linear: [[0, 100], [1, 0]] }, missing: exclude }
            critical:
              - key: sponsor-gone
                label: Economic sponsor gone 30 days, not replaced
                when:
                  - { input: sponsor-gone-days, at-least: 30 }
                band: yellow
              - key: idle-and-falling
                label: Licences idle while usage falls
                when:
                  - { input: licence-utilisation, window: 30d, below: 30 }
                  - { input: usage-trend, window: 30d, below: -20 }
                band: red
            """;

    private static ScorecardDefinition card(String yaml) {
        return new ScorecardReader(List.of("enterprise", "mid-market", "smb")).readOne(new ConfigFile("crit.yaml", "crit.yaml", yaml));
    }

    private static HealthScore score(ScorecardDefinition card, Map<MeasureInput.Key, String> values) {
        Map<MeasureInput.Key, BigDecimal> raw = new HashMap<>();
        values.forEach((key, value) -> raw.put(key, new BigDecimal(value)));
        return HealthScoring.score(card, TODAY, raw::get, k -> null);
    }

    private static MeasureInput.Key key(MeasureInput input, int window) {
        return new MeasureInput.Key(input, window);
    }

    /** The lines add up to the score, and so do the groups the page and the API show (the cut in its input's group). */
    private static void assertAddsUp(HealthScore score) {
        BigDecimal sum = score.measures().stream().map(MeasureResult::contribution).filter(java.util.Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo(score.score());
        BigDecimal groups = HealthReports.groups(score.measures()).stream()
                .map(HealthExplanation.GroupContribution::contribution).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(groups).isEqualByComparingTo(score.score());
        BigDecimal shares = HealthReports.groups(score.measures()).stream()
                .map(HealthExplanation.GroupContribution::share).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(shares.subtract(BigDecimal.valueOf(100)).abs()).isLessThanOrEqualTo(new BigDecimal("0.5"));
    }

    /**
     * Utilisation 90 → 90 × 40; NPS 9 → 90 × 40; no urgent ticket: nothing happened, not counted.
     * (3600 + 3600) / 80 = 90.0, green; the sponsor left 45 days ago: at most yellow, so 74.9, and the
     * condition's line carries −15.1.
     */
    @Test
    void aSponsorGoneAndNotReplacedCapsAGreenAverageAtYellow() {
        ScorecardDefinition card = card(CARD);
        HealthScore score = score(card, Map.of(key(MeasureInput.LICENCE_UTILISATION, 30), "90", key(MeasureInput.NPS, 180), "9",
                key(MeasureInput.URGENT_OPEN_TICKETS, 0), "0", key(MeasureInput.SPONSOR_GONE_DAYS, 0), "45",
                key(MeasureInput.USAGE_TREND, 30), "5"));
        assertThat(score.score()).isEqualByComparingTo("74.9");
        assertThat(score.band()).isEqualTo(Band.YELLOW);
        MeasureResult line = score.measure("sponsor-gone");
        assertThat(line.critical()).isTrue();
        assertThat(line.contribution()).isEqualByComparingTo("-15.1");
        assertThat(line.policy()).isEqualTo("critical: at most yellow (sponsor-gone-days 45, at least 30)");
        assertThat(score.measure("urgent").policy()).isEqualTo(MeasureResult.QUIET);
        assertThat(score.measure("urgent").counted()).isFalse();
        assertThat(score.measure("utilisation").share()).isEqualByComparingTo("50.0");
        assertAddsUp(score);
    }

    /** Utilisation 12 → 12 × 40, NPS 9 → 90 × 40: 51.0; both parts hold (12 < 30, −44 < −20): red, already below 59.9, no cut. */
    @Test
    void idleLicencesWithFallingUsageAreRedAndAScoreAlreadyRedIsNotCutFurther() {
        HealthScore score = score(card(CARD), Map.of(key(MeasureInput.LICENCE_UTILISATION, 30), "12", key(MeasureInput.NPS, 180),
                "9", key(MeasureInput.USAGE_TREND, 30), "-44"));
        assertThat(score.score()).isEqualByComparingTo("51.0");
        assertThat(score.band()).isEqualTo(Band.RED);
        assertThat(score.measure("idle-and-falling").contribution()).isEqualByComparingTo("0");
        assertThat(score.measure("idle-and-falling").policy())
                .isEqualTo("critical: at most red (licence-utilisation (30d) 12, below 30; usage-trend (30d) -44, below -20)");
        assertAddsUp(score);
    }

    /** Only one part holds (usage steady): no cap. Utilisation 25, NPS 10: (1000 + 4000) / 80 = 62.5, yellow. */
    @Test
    void aConditionHoldsOnlyWhenEveryPartDoesAndAMissingPartDoesNotHold() {
        ScorecardDefinition card = card(CARD);
        HealthScore steady = score(card, Map.of(key(MeasureInput.LICENCE_UTILISATION, 30), "25", key(MeasureInput.NPS, 180), "10",
                key(MeasureInput.USAGE_TREND, 30), "0"));
        assertThat(steady.score()).isEqualByComparingTo("62.5");
        assertThat(steady.measure("idle-and-falling")).isNull();
        HealthScore unknownTrend = score(card, Map.of(key(MeasureInput.LICENCE_UTILISATION, 30), "25", key(MeasureInput.NPS, 180),
                "10"));
        assertThat(unknownTrend.measure("idle-and-falling")).isNull();
    }

    /** Both hold on a 90 average: the lower ceiling wins (59.9, red), and the other is listed with no cut. */
    @Test
    void theStrictestConditionThatHoldsSetsTheCeiling() {
        HealthScore score = score(card(CARD), Map.of(key(MeasureInput.LICENCE_UTILISATION, 30), "20", key(MeasureInput.NPS, 180),
                "10", key(MeasureInput.URGENT_OPEN_TICKETS, 0), "0", key(MeasureInput.SPONSOR_GONE_DAYS, 0), "90",
                key(MeasureInput.USAGE_TREND, 30), "-60"));
        // (20 × 40 + 100 × 40) / 80 = 60.0 → capped at 59.9.
        assertThat(score.score()).isEqualByComparingTo("59.9");
        assertThat(score.measure("idle-and-falling").contribution()).isEqualByComparingTo("-0.1");
        assertThat(score.measure("sponsor-gone").contribution()).isEqualByComparingTo("0");
        assertAddsUp(score);
    }

    /** An urgent ticket counts (0 × 20); with quiet: score, none open scores 100 like any value. */
    @Test
    void troubleCountsWhenItHappensAndQuietCanBeScoredWhenAScorecardSaysSo() {
        ScorecardDefinition card = card(CARD);
        HealthScore urgent = score(card, Map.of(key(MeasureInput.LICENCE_UTILISATION, 30), "90", key(MeasureInput.NPS, 180), "9",
                key(MeasureInput.URGENT_OPEN_TICKETS, 0), "1"));
        // (3600 + 3600 + 0) / 100 = 72.0
        assertThat(urgent.score()).isEqualByComparingTo("72.0");
        ScorecardDefinition scoring = card(CARD.replace("missing: exclude }\ncritical", "missing: exclude, quiet: score }\ncritical"));
        HealthScore quiet = score(scoring, Map.of(key(MeasureInput.LICENCE_UTILISATION, 30), "90", key(MeasureInput.NPS, 180), "9",
                key(MeasureInput.URGENT_OPEN_TICKETS, 0), "0"));
        // (3600 + 3600 + 2000) / 100 = 92.0
        assertThat(quiet.score()).isEqualByComparingTo("92.0");
    }

    @Test
    void badConditionsAreReportedWithWhereAndWhatWasExpected() {
        String bad = CARD.replace("band: yellow", "band: green").replace("{ input: usage-trend, window: 30d, below: -20 }",
                "{ input: usage-trend, below: -20 }").replace("{ input: sponsor-gone-days, at-least: 30 }",
                "{ input: sponsor-gone-days, at-least: 30, below: 10 }");
        assertThatThrownBy(() -> card(bad)).isInstanceOf(ConfigInvalid.class)
                .hasMessageContaining("expected red or yellow")
                .hasMessageContaining("window")
                .hasMessageContaining("must be less than below (10)");
        assertThatThrownBy(() -> card(CARD.replace("weight: 40, score: { linear: [[0, 0], [10, 100]] }, missing: exclude }",
                "weight: 40, score: { linear: [[0, 0], [10, 100]] }, missing: exclude, quiet: score }")))
                .isInstanceOf(ConfigInvalid.class).hasMessageContaining("nps does not count trouble");
    }
}
