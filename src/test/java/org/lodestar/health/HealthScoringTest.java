package org.lodestar.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scoring engine against hand-computed values. */
class HealthScoringTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static ScoringFunction.Linear linear(String... points) {
        List<ScoringFunction.Point> list = new ArrayList<>();
        for (String p : points) {
            String[] xy = p.split(":");
            list.add(new ScoringFunction.Point(d(xy[0]), d(xy[1])));
        }
        return new ScoringFunction.Linear(list);
    }

    @ParameterizedTest
    @CsvSource({ "-1, 60", "0, 60", "0.5, 80.00", "1, 100", "2, 100", "3, 100", "5.5, 50.00", "8, 0", "10, 0" })
    void piecewiseLinearExpressesTooManyIsBadAndZeroIsSuspicious(String value, String expected) {
        ScoringFunction tickets = linear("0:60", "1:100", "3:100", "8:0");
        assertThat(tickets.score(d(value))).isEqualByComparingTo(expected);
    }

    @ParameterizedTest
    @CsvSource({ "0, 60", "0.99, 60", "1, 100", "3.9, 100", "4, 20", "100, 20" })
    void thresholdsTakeTheFirstStepTheValueIsBelow(String value, String expected) {
        ScoringFunction steps = new ScoringFunction.Thresholds(List.of(new ScoringFunction.Step(d("1"), d("60")),
                new ScoringFunction.Step(d("4"), d("100"))), d("20"));
        assertThat(steps.score(d(value))).isEqualByComparingTo(expected);
    }

    @ParameterizedTest
    @CsvSource({ "59.9, RED", "60, YELLOW", "74.9, YELLOW", "75, GREEN", "0, RED", "100, GREEN" })
    void bandsFollowTheThresholds(String score, Band band) {
        assertThat(Bands.CLASSIC.of(d(score))).isEqualTo(band);
    }

    private static MeasureDefinition measure(String key, MeasureInput input, String weight, MissingDataPolicy missing) {
        // Identity-like scoring: the value is the sub-score, so the arithmetic below is about weights alone.
        return new MeasureDefinition(key, key, input.group(), input, input.windowed() ? 30 : 0,
                linear("0:0", "100:100"), d(weight), missing);
    }

    private static ScorecardDefinition card(MeasureDefinition... measures) {
        return new ScorecardDefinition("test", "1", "", Set.of(), Set.of(), Bands.CLASSIC, List.of(measures), "test.yaml");
    }

    private static HealthScore score(ScorecardDefinition card, Map<MeasureInput, String> values,
            Map<String, HealthScoring.Observed> last) {
        Map<MeasureInput.Key, BigDecimal> raw = new HashMap<>();
        values.forEach((input, value) -> raw.put(new MeasureInput.Key(input, input.windowed() ? 30 : 0), d(value)));
        return HealthScoring.score(card, TODAY, raw::get, last::get);
    }

    private static ScorecardDefinition threeMeasures(MissingDataPolicy third) {
        return card(measure("a", MeasureInput.ACTIVE_DAYS, "30", new MissingDataPolicy.Exclude()),
                measure("b", MeasureInput.NPS, "20", new MissingDataPolicy.Exclude()),
                measure("c", MeasureInput.OPEN_TICKETS, "50", third));
    }

    private static final Map<MeasureInput, String> A80_B50 = Map.of(MeasureInput.ACTIVE_DAYS, "80", MeasureInput.NPS, "50");

    @Test
    void aMissingMeasureUnderExcludeReweightsTheOthers() {
        // a: 80 × 30/50 = 48; b: 50 × 20/50 = 20; c left out. 48 + 20 = 68 → yellow.
        HealthScore s = score(threeMeasures(new MissingDataPolicy.Exclude()), A80_B50, Map.of());
        assertThat(s.score()).isEqualByComparingTo("68.0");
        assertThat(s.band()).isEqualTo(Band.YELLOW);
        assertThat(s.measure("a").contribution()).isEqualByComparingTo("48.0");
        assertThat(s.measure("a").share()).isEqualByComparingTo("60.0");
        assertThat(s.measure("b").contribution()).isEqualByComparingTo("20.0");
        MeasureResult c = s.measure("c");
        assertThat(c.missing()).isTrue();
        assertThat(c.policy()).isEqualTo("exclude");
        assertThat(c.contribution()).isNull();
        assertThat(c.subScore()).isNull();
    }

    @Test
    void aNeutralMissingMeasureCountsAtItsNeutralSubScore() {
        // 80 × .3 + 50 × .2 + 50 × .5 = 24 + 10 + 25 = 59 → red.
        HealthScore s = score(threeMeasures(new MissingDataPolicy.Neutral(d("50"))), A80_B50, Map.of());
        assertThat(s.score()).isEqualByComparingTo("59.0");
        assertThat(s.band()).isEqualTo(Band.RED);
        assertThat(s.measure("c").policy()).isEqualTo("neutral 50");
        assertThat(s.measure("c").contribution()).isEqualByComparingTo("25.0");
    }

    @Test
    void aPenalisedMissingMeasureCountsAtItsPenalty() {
        // 24 + 10 + 20 × .5 = 44.
        HealthScore s = score(threeMeasures(new MissingDataPolicy.Penalty(d("20"))), A80_B50, Map.of());
        assertThat(s.score()).isEqualByComparingTo("44.0");
        assertThat(s.measure("c").policy()).isEqualTo("penalty 20");
    }

    @Test
    void carryLastUsesARecentEnoughValueAndExcludesAnOldOne() {
        ScorecardDefinition card = threeMeasures(new MissingDataPolicy.CarryLast(90));
        // c carried at 90: 24 + 10 + 45 = 79 → green.
        HealthScore recent = score(card, A80_B50, Map.of("c", new HealthScoring.Observed(d("90"), TODAY.minusDays(90))));
        assertThat(recent.score()).isEqualByComparingTo("79.0");
        assertThat(recent.band()).isEqualTo(Band.GREEN);
        assertThat(recent.measure("c").value()).isEqualByComparingTo("90");
        assertThat(recent.measure("c").observedOn()).isEqualTo(TODAY.minusDays(90));
        assertThat(recent.measure("c").missing()).isTrue();
        assertThat(recent.measure("c").policy()).isEqualTo("carry-last 90d: value of 2026-08-24");
        // 91 days is too old: excluded, as if nothing was carried (68, like the exclude case).
        HealthScore old = score(card, A80_B50, Map.of("c", new HealthScoring.Observed(d("90"), TODAY.minusDays(91))));
        assertThat(old.score()).isEqualByComparingTo("68.0");
        assertThat(old.measure("c").contribution()).isNull();
    }

    @Test
    void contributionsAddUpToTheScoreEvenWhenEachIsRounded() {
        // Three equal weights at 100: 33.333… each, 100 in all; largest remainder gives 33.4 + 33.3 + 33.3.
        ScorecardDefinition card = card(measure("a", MeasureInput.ACTIVE_DAYS, "1", new MissingDataPolicy.Exclude()),
                measure("b", MeasureInput.EVENTS, "1", new MissingDataPolicy.Exclude()),
                measure("c", MeasureInput.NPS, "1", new MissingDataPolicy.Exclude()));
        HealthScore s = score(card, Map.of(MeasureInput.ACTIVE_DAYS, "100", MeasureInput.EVENTS, "100", MeasureInput.NPS, "100"),
                Map.of());
        assertThat(s.score()).isEqualByComparingTo("100.0");
        assertThat(s.measures()).extracting(MeasureResult::contribution).map(BigDecimal::toPlainString)
                .containsExactlyInAnyOrder("33.4", "33.3", "33.3");
        // Seven equal weights at 10, 20, …, 70: exact 40; shares 14.2857…%.
        List<MeasureDefinition> seven = new ArrayList<>();
        Map<MeasureInput.Key, BigDecimal> raw = new HashMap<>();
        MeasureInput[] inputs = { MeasureInput.ACTIVE_DAYS, MeasureInput.EVENTS, MeasureInput.ACTIVE_USERS,
                MeasureInput.NPS, MeasureInput.CSAT, MeasureInput.TICKETS_OPENED, MeasureInput.FEATURES_USED };
        for (int i = 0; i < 7; i++) {
            seven.add(measure("m" + i, inputs[i], "1", new MissingDataPolicy.Exclude()));
            raw.put(new MeasureInput.Key(inputs[i], 30), BigDecimal.valueOf(10L * (i + 1)));
        }
        HealthScore s7 = HealthScoring.score(card(seven.toArray(MeasureDefinition[]::new)), TODAY, raw::get, k -> null);
        assertThat(s7.score()).isEqualByComparingTo("40.0");
        assertThat(s7.measures().stream().map(MeasureResult::contribution).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(s7.score());
    }

    @Test
    void withNoDataAtAllThereIsNoScore() {
        HealthScore s = score(threeMeasures(new MissingDataPolicy.Exclude()), Map.of(), Map.of());
        assertThat(s.score()).isNull();
        assertThat(s.band()).isEqualTo(Band.NONE);
        assertThat(s.measures()).allMatch(MeasureResult::missing);
    }

    @Test
    void subScoresAreClampedToTheRangeEvenIfAFunctionLeavesIt() {
        ScorecardDefinition card = card(measure("a", MeasureInput.ACTIVE_DAYS, "1", new MissingDataPolicy.Exclude()));
        assertThat(score(card, Map.of(MeasureInput.ACTIVE_DAYS, "250"), Map.of()).score()).isEqualByComparingTo("100.0");
    }

    @Test
    void theMostSpecificScorecardApplies() {
        ScorecardDefinition fallback = new ScorecardDefinition("standard", "1", "", Set.of(), Set.of(), Bands.CLASSIC,
                List.of(), "a");
        ScorecardDefinition smb = new ScorecardDefinition("smb", "1", "", Set.of("smb"), Set.of(), Bands.CLASSIC, List.of(), "b");
        ScorecardDefinition onboarding = new ScorecardDefinition("onboarding", "1", "", Set.of(), Set.of("onboarding"),
                Bands.CLASSIC, List.of(), "c");
        Scorecards all = new Scorecards(List.of(fallback, smb, onboarding));
        assertThat(all.select("enterprise", "mature").name()).isEqualTo("standard");
        assertThat(all.select("smb", "mature").name()).isEqualTo("smb");
        assertThat(all.select("smb", "onboarding").name()).isEqualTo("onboarding");
        assertThat(all.select("enterprise", "onboarding").name()).isEqualTo("onboarding");
    }
}
