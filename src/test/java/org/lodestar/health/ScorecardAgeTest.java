package org.lodestar.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lodestar.config.ConfigFile;
import org.lodestar.config.ConfigFiles;
import org.lodestar.config.ConfigInvalid;
import org.lodestar.config.ConfigProblem;

/** A new account is judged only on what can exist at its age ({@code from-day}), with the shipped onboarding scorecard. */
class ScorecardAgeTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private static final ScorecardReader READER = new ScorecardReader(List.of("enterprise", "mid-market", "smb"));
    private static final ScorecardDefinition ONBOARDING = READER.readAll(ConfigFiles.load(null, "scorecards"))
            .select("smb", "onboarding");

    private static final MeasureInput.Key ACTIVE_DAYS = new MeasureInput.Key(MeasureInput.ACTIVE_DAYS, 14);
    private static final MeasureInput.Key UTILISATION = new MeasureInput.Key(MeasureInput.LICENCE_UTILISATION, 30);
    private static final MeasureInput.Key CHAMPION = new MeasureInput.Key(MeasureInput.CHAMPION_PRESENT, 0);
    private static final MeasureInput.Key ENGAGEMENT = new MeasureInput.Key(MeasureInput.DAYS_SINCE_ENGAGEMENT, 0);
    private static final MeasureInput.Key URGENT = new MeasureInput.Key(MeasureInput.URGENT_OPEN_TICKETS, 0);

    private static HealthScore score(ScorecardDefinition card, Integer age, Map<MeasureInput.Key, BigDecimal> values) {
        return HealthScoring.score(card, TODAY, age, values::get, key -> null);
    }

    /** A customer signed today: no usage yet, no champion named, no call logged, no ticket. */
    private static Map<MeasureInput.Key, BigDecimal> signedToday() {
        Map<MeasureInput.Key, BigDecimal> values = new HashMap<>();
        values.put(CHAMPION, BigDecimal.ZERO);
        values.put(URGENT, BigDecimal.ZERO);
        return values;
    }

    @Test
    void aCustomerOnItsFirstDayHasNoScoreYetRatherThanARedOne() {
        assertThat(ONBOARDING.name()).isEqualTo("onboarding");
        HealthScore day0 = score(ONBOARDING, 0, signedToday());

        assertThat(day0.score()).isNull();
        assertThat(day0.band()).isEqualTo(Band.NONE);
        assertThat(day0.measure("active-days").policy()).isEqualTo("not judged before day 14 (account on day 0)");
        assertThat(day0.measure("engagement").policy()).isEqualTo("not judged before day 7 (account on day 0)");
        assertThat(day0.measure("utilisation").policy()).isEqualTo("not judged before day 21 (account on day 0)");
        assertThat(day0.measure("champion").counted()).isFalse();
        // No urgent ticket: judged from day 0, but nothing happened, so not counted either.
        assertThat(day0.measure("urgent-tickets").policy()).isEqualTo(MeasureResult.QUIET);
    }

    @Test
    void withoutAKnownAgeTheSameCustomerWouldBePenalisedForWhatCannotExistYet() {
        // Active days missing: penalty 30 × 30; champion 0 × 20; engagement missing: penalty 0 × 20 → 900 / 70 = 12.857.
        HealthScore unknownAge = score(ONBOARDING, null, signedToday());
        assertThat(unknownAge.score()).isEqualByComparingTo("12.9");
        assertThat(unknownAge.band()).isEqualTo(Band.RED);
    }

    @Test
    void anUrgentTicketOnTheFirstDayIsJudgedAtOnce() {
        Map<MeasureInput.Key, BigDecimal> values = signedToday();
        values.put(URGENT, BigDecimal.ONE);
        HealthScore day0 = score(ONBOARDING, 0, values);
        // The only measure judged: urgent tickets, 1 open → 0.
        assertThat(day0.score()).isEqualByComparingTo("0.0");
        assertThat(day0.measure("urgent-tickets").share()).isEqualByComparingTo("100.0");
    }

    @Test
    void aCustomerOnDay30WithNoUsageAndNoChampionIsRed() {
        Map<MeasureInput.Key, BigDecimal> values = signedToday();
        values.put(ACTIVE_DAYS, BigDecimal.ZERO);
        values.put(UTILISATION, BigDecimal.ZERO);
        values.put(ENGAGEMENT, BigDecimal.valueOf(3));
        HealthScore day30 = score(ONBOARDING, 30, values);
        // active 0 × 30, utilisation 0 × 20, champion 0 × 20, engagement (3 days: 100) × 20 → 2000 / 90 = 22.22.
        assertThat(day30.score()).isEqualByComparingTo("22.2");
        assertThat(day30.band()).isEqualTo(Band.RED);
        assertThat(day30.measure("stalled").critical()).isTrue();
        // On day 7 only the call counts (100); on day 13 the stall is not judged yet either.
        assertThat(score(ONBOARDING, 7, values).score()).isEqualByComparingTo("100.0");
        assertThat(score(ONBOARDING, 13, values).measure("stalled")).isNull();
    }

    @Test
    void aMeasureIsJudgedFromItsDayOn() {
        ScoringFunction identity = new ScoringFunction.Linear(List.of(new ScoringFunction.Point(BigDecimal.ZERO, BigDecimal.ZERO),
                new ScoringFunction.Point(BigDecimal.valueOf(100), BigDecimal.valueOf(100))));
        MeasureDefinition usage = new MeasureDefinition("usage", "usage", MeasureGroup.USAGE, MeasureInput.EVENTS, 30, identity,
                BigDecimal.valueOf(30), new MissingDataPolicy.Penalty(BigDecimal.ZERO), false, 14);
        MeasureDefinition nps = new MeasureDefinition("nps", "nps", MeasureGroup.SENTIMENT, MeasureInput.NPS, 30, identity,
                BigDecimal.valueOf(10), new MissingDataPolicy.Exclude());
        ScorecardDefinition card = new ScorecardDefinition("aged", "1", "", Set.of(), Set.of(), Bands.CLASSIC,
                List.of(usage, nps), "aged.yaml");
        Map<MeasureInput.Key, BigDecimal> values = Map.of(new MeasureInput.Key(MeasureInput.EVENTS, 30), BigDecimal.valueOf(20),
                new MeasureInput.Key(MeasureInput.NPS, 30), BigDecimal.valueOf(80));

        HealthScore day13 = score(card, 13, values);
        assertThat(day13.score()).isEqualByComparingTo("80.0");
        assertThat(day13.measure("usage").counted()).isFalse();
        assertThat(day13.measure("usage").value()).isEqualByComparingTo("20");
        // Day 14: (20 × 30 + 80 × 10) / 40 = 35.
        HealthScore day14 = score(card, 14, values);
        assertThat(day14.score()).isEqualByComparingTo("35.0");
        assertThat(day14.measure("usage").contribution()).isEqualByComparingTo("15.0");
        // Before the customer starts (a contract starting next week) nothing that waits for an age is judged.
        assertThat(score(card, -7, values).score()).isEqualByComparingTo("80.0");
    }

    @Test
    void theReaderTakesFromDayAndWritesItBack() {
        String yaml = ScorecardYaml.write(ONBOARDING, List.of());
        ScorecardDefinition again = READER.readOne(new ConfigFile("onboarding.yaml", "onboarding.yaml", yaml));
        assertThat(again.measures()).extracting(MeasureDefinition::fromDay).containsExactly(14, 21, 14, 7, 0);
        assertThat(again.critical()).extracting(CriticalCondition::fromDay).containsExactly(14);
    }

    @Test
    void aBadFromDayIsReportedWithFileLineAndField() {
        String bad = """
                name: aged
                version: "1"
                measures:
                  - key: usage
                    input: events
                    window: 30d
                    weight: 10
                    score: { linear: [[0, 0], [100, 100]] }
                    missing: exclude
                    from-day: 14d
                critical:
                  - key: idle
                    when:
                      - { input: events, window: 30d, below: 1 }
                    band: red
                    from-day: 800
                """;
        assertThatThrownBy(() -> READER.readOne(new ConfigFile("aged.yaml", "aged.yaml", bad)))
                .isInstanceOfSatisfying(ConfigInvalid.class, e -> assertThat(e.problems()).extracting(ConfigProblem::toString)
                        .containsExactly(
                                "aged.yaml:10: measures[0].from-day: expected the account age in whole days (0 to 730) from "
                                        + "which this is judged, e.g. 14, got '14d'",
                                "aged.yaml:16: critical[0].from-day: expected the account age in whole days (0 to 730) from "
                                        + "which this is judged, e.g. 14, got '800'"));
    }
}
