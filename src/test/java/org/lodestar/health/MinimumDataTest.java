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
import org.lodestar.config.ConfigFiles;
import org.lodestar.config.ConfigInvalid;
import org.lodestar.config.ConfigProblem;

/**
 * A scorecard scores an account only when measures with data carry its {@code minimum-data} share of the weight judged:
 * an SMB customer moved into Lodestar before its usage and surveys arrive has no score, not a red one made of
 * missing-data fill-ins. Figures by hand from the shipped scorecards.
 */
class MinimumDataTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private static final ScorecardReader READER = new ScorecardReader(List.of("enterprise", "mid-market", "smb"));
    private static final Scorecards SHIPPED = READER.readAll(ConfigFiles.load(null, "scorecards"));
    private static final ScorecardDefinition SMB = SHIPPED.select("smb", "mature");
    private static final ScorecardDefinition STANDARD = SHIPPED.select("enterprise", "mature");

    private static final MeasureInput.Key ACTIVE_DAYS = new MeasureInput.Key(MeasureInput.ACTIVE_DAYS, 30);
    private static final MeasureInput.Key UTILISATION = new MeasureInput.Key(MeasureInput.LICENCE_UTILISATION, 30);
    private static final MeasureInput.Key DEPTH = new MeasureInput.Key(MeasureInput.ADOPTION_DEPTH, 30);
    private static final MeasureInput.Key SPONSOR = new MeasureInput.Key(MeasureInput.SPONSOR_PRESENT, 0);
    private static final MeasureInput.Key CHAMPION = new MeasureInput.Key(MeasureInput.CHAMPION_PRESENT, 0);
    private static final MeasureInput.Key OPEN = new MeasureInput.Key(MeasureInput.OPEN_TICKETS, 0);
    private static final MeasureInput.Key URGENT = new MeasureInput.Key(MeasureInput.URGENT_OPEN_TICKETS, 0);

    /** Moved in today: no usage tracked, no survey, no call, no invoice; no sponsor or champion named, no ticket. */
    private static Map<MeasureInput.Key, BigDecimal> movedIn() {
        Map<MeasureInput.Key, BigDecimal> values = new HashMap<>();
        values.put(SPONSOR, BigDecimal.ZERO);
        values.put(CHAMPION, BigDecimal.ZERO);
        values.put(OPEN, BigDecimal.ZERO);
        values.put(URGENT, BigDecimal.ZERO);
        return values;
    }

    private static HealthScore score(ScorecardDefinition card, Map<MeasureInput.Key, BigDecimal> values,
            HealthScoring.Observed lastNps) {
        return HealthScoring.score(card, TODAY, 700, values::get, key -> key.equals("nps") ? lastNps : null);
    }

    @Test
    void anAccountWhoseDataHasNotArrivedHasNoScoreRatherThanARedOne() {
        assertThat(SMB.name()).isEqualTo("smb");
        assertThat(SMB.minimumData()).isEqualByComparingTo("15");
        // Judged: all seven measures, 100 of weight. With data: open tickets (none open, scored) 5 → 5%, under 15%.
        HealthScore none = score(SMB, movedIn(), null);

        assertThat(none.score()).isNull();
        assertThat(none.band()).isEqualTo(Band.NONE);
        assertThat(none.measures()).allSatisfy(m -> assertThat(m.counted()).isFalse());
        assertThat(HealthScoring.unscoredNote(none, SMB.minimumData())).isEqualTo("No score: only 5% of the weight judged "
                + "has data (Open tickets), and this scorecard scores an account from 15% (minimum-data).");

        // Without a minimum the fill-ins made it red: NPS missing, neutral 50 × 10; no ticket open, 70 × 5 → 850 / 15.
        HealthScore red = score(withMinimum(SMB, BigDecimal.ZERO), movedIn(), null);
        assertThat(red.score()).isEqualByComparingTo("56.7");
        assertThat(red.band()).isEqualTo(Band.RED);
        assertThat(HealthScoring.unscoredNote(red, BigDecimal.ZERO)).isNull();
    }

    @Test
    void onceUsageArrivesTheAccountIsScoredOnAllItHas() {
        Map<MeasureInput.Key, BigDecimal> values = movedIn();
        values.put(ACTIVE_DAYS, BigDecimal.valueOf(12));
        values.put(UTILISATION, BigDecimal.valueOf(40));
        values.put(DEPTH, BigDecimal.valueOf(50));
        // Data: 5 + active days 15 + utilisation 25 + modules 15 = 60 of 100 (usage trend has no earlier window).
        // Score: (12 days: 70 × 15 + 40%: 50 × 25 + 50%: 60 × 15 + NPS neutral 50 × 10 + 70 × 5) / 70 = 4050 / 70 = 57.86.
        HealthScore scored = score(SMB, values, null);
        assertThat(scored.score()).isEqualByComparingTo("57.9");
        assertThat(scored.band()).isEqualTo(Band.RED);
        assertThat(scored.measures().stream().map(MeasureResult::contribution).filter(c -> c != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(scored.score());
    }

    @Test
    void theStandardScorecardAlwaysHasItsRelationshipMeasures() {
        // A sponsor and a champion are named or not: 15 of the 105 judged, and no ticket open 5 more → 19%, at least 15%.
        // Sponsor 0 × 10, champion 0 × 5, no call: penalty 20 × 5, no ticket open 70 × 5 → 450 / 25 = 18.0.
        HealthScore scored = score(STANDARD, movedIn(), null);
        assertThat(STANDARD.minimumData()).isEqualByComparingTo("15");
        assertThat(scored.score()).isEqualByComparingTo("18.0");
        assertThat(scored.band()).isEqualTo(Band.RED);
    }

    @Test
    void aValueCarriedFromAnEarlierSurveyIsData() {
        ScorecardDefinition thirty = withMinimum(STANDARD, BigDecimal.valueOf(30));
        assertThat(score(thirty, movedIn(), null).score()).as("19% of 30%").isNull();
        // NPS 9 from 100 days ago, carried (365 days at most): 20 + 15 = 35 of 105 → 33.3%, at least 30%.
        // Score: (9: 90 × 15 + 0 × 10 + 0 × 5 + 20 × 5 + 70 × 5) / 40 = 1800 / 40 = 45.0.
        HealthScore scored = score(thirty, movedIn(), new HealthScoring.Observed(BigDecimal.valueOf(9), TODAY.minusDays(100)));
        assertThat(scored.score()).isEqualByComparingTo("45.0");
        // A year and a day ago is not carried: back under the minimum.
        assertThat(score(thirty, movedIn(), new HealthScoring.Observed(BigDecimal.valueOf(9), TODAY.minusDays(366))).score())
                .isNull();
    }

    @Test
    void theOnboardingScorecardJudgesOnWhateverItHasPastItsFromDays() {
        ScorecardDefinition onboarding = SHIPPED.select("smb", "onboarding");
        assertThat(onboarding.minimumData()).isEqualByComparingTo("0");
        // Day 30, nothing but "no champion" (a value, 0) and the fill-ins: active days penalty 30 × 30, champion 0 × 20,
        // engagement penalty 0 × 20, utilisation excluded; no urgent ticket, left out → 900 / 70 = 12.86, scored.
        Map<MeasureInput.Key, BigDecimal> values = new HashMap<>();
        values.put(new MeasureInput.Key(MeasureInput.CHAMPION_PRESENT, 0), BigDecimal.ZERO);
        values.put(new MeasureInput.Key(MeasureInput.URGENT_OPEN_TICKETS, 0), BigDecimal.ZERO);
        HealthScore day30 = HealthScoring.score(onboarding, TODAY, 30, values::get, key -> null);
        assertThat(day30.score()).isEqualByComparingTo("12.9");
        assertThat(score(withMinimum(onboarding, BigDecimal.valueOf(25)), values, null).score())
                .as("the same under a 25% minimum: only the champion, 20 of the 90 judged (22%), has data").isNull();
    }

    @Test
    void theReaderTakesTheMinimumAndWritesItBack() {
        ScorecardDefinition again = READER.readOne(new ConfigFile("standard.yaml", "standard.yaml",
                ScorecardYaml.write(withMinimum(STANDARD, new BigDecimal("42.5")), List.of())));
        assertThat(again.minimumData()).isEqualByComparingTo("42.5");
        assertThat(READER.readOne(new ConfigFile("plain.yaml", "plain.yaml", card(""))).minimumData())
                .isEqualByComparingTo(ScorecardDefinition.DEFAULT_MINIMUM_DATA);
        assertThat(READER.readOne(new ConfigFile("plain.yaml", "plain.yaml", card("minimum-data: 50\n"))).minimumData())
                .isEqualByComparingTo("50");
    }

    @Test
    void aBadMinimumIsReportedWithFileLineAndWhatWasExpected() {
        for (String bad : List.of("120%", "most", "-5%")) {
            assertThatThrownBy(() -> READER.readOne(new ConfigFile("plain.yaml", "plain.yaml", card("minimum-data: " + bad + "\n"))))
                    .isInstanceOfSatisfying(ConfigInvalid.class, e -> assertThat(e.problems()).extracting(ConfigProblem::toString)
                            .containsExactly("plain.yaml:3: minimum-data: expected the share of the weight judged that must "
                                    + "have data before an account is scored, from 0% to 100%, e.g. 15%, got '" + bad + "'"));
        }
    }

    private static String card(String minimum) {
        return """
                name: plain
                version: "1"
                %smeasures:
                  - key: usage
                    input: events
                    window: 30d
                    weight: 10
                    score: { linear: [[0, 0], [100, 100]] }
                    missing: exclude
                """.formatted(minimum);
    }

    private static ScorecardDefinition withMinimum(ScorecardDefinition card, BigDecimal minimum) {
        return new ScorecardDefinition(card.name(), card.version(), card.description(), card.segments(), card.stages(),
                card.bands(), card.measures(), card.critical(), minimum, card.file());
    }
}
