package org.lodestar.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Walk-forward training on a made-up history: what it may read, what it refuses, and that a later outcome stays unseen. */
class ChurnWalkForwardTest {

    private static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    private static final LocalDate SCORED = LocalDate.of(2026, 6, 30);
    private static final int ACCOUNTS = 200;

    /**
     * A book of 200 accounts whose open tickets are drawn afresh each day. Up to {@code ruleFrom}, a fifth of accounts
     * lose ARR in any period at random; in periods ending after it, exactly those with 3 or more open tickets do. Every
     * read is recorded.
     */
    static final class MadeUpHistory implements ChurnWalkForward.History {

        final LocalDate ruleFrom;
        final double churnRate;
        LocalDate latestRowDay = LocalDate.MIN;
        LocalDate latestOutcomeDay = LocalDate.MIN;

        MadeUpHistory(LocalDate ruleFrom, double churnRate) {
            this.ruleFrom = ruleFrom;
            this.churnRate = churnRate;
        }

        private static double tickets(long account, LocalDate day) {
            return new SplittableRandom(account * 1_000_003 + day.toEpochDay()).nextInt(6);
        }

        @Override
        public List<ChurnRow> rows(LocalDate day) {
            latestRowDay = day.isAfter(latestRowDay) ? day : latestRowDay;
            List<ChurnRow> rows = new ArrayList<>();
            for (long a = 1; a <= ACCOUNTS; a++) {
                Map<ChurnFeature, Double> values = new EnumMap<>(ChurnFeature.class);
                values.put(ChurnFeature.OPEN_TICKETS, tickets(a, day));
                values.put(ChurnFeature.ACTIVE_DAYS, (double) new SplittableRandom(a * 7 + day.toEpochDay()).nextInt(30));
                rows.add(new ChurnRow(a, day, a % 2 == 0 ? "smb" : "enterprise", BigDecimal.valueOf(10000), values));
            }
            return rows;
        }

        @Override
        public Set<Long> lostArr(LocalDate after, LocalDate until) {
            latestOutcomeDay = until.isAfter(latestOutcomeDay) ? until : latestOutcomeDay;
            Set<Long> lost = new HashSet<>();
            SplittableRandom random = new SplittableRandom(after.toEpochDay());
            for (long a = 1; a <= ACCOUNTS; a++) {
                boolean drawn = random.nextDouble() < churnRate;
                if (until.isAfter(ruleFrom) ? tickets(a, after) >= 3 : drawn) {
                    lost.add(a);
                }
            }
            return lost;
        }
    }

    private static double ticketWeight(ChurnModel model) {
        return model.terms().stream().filter(t -> t.feature().equals("open-tickets") && t.kind() == ChurnModel.Kind.VALUE)
                .mapToDouble(ChurnModel.Term::coefficient).findFirst().orElse(0);
    }

    @Test
    void datesLieOnAFixedCalendarOneEvery30DaysWhateverTheLastDay() {
        // Day 20,610 since 1970-01-01 (6 June 2026) is a multiple of 30; 8 March would be before the first day.
        List<LocalDate> calendar = List.of(LocalDate.of(2026, 4, 7), LocalDate.of(2026, 5, 7), LocalDate.of(2026, 6, 6));
        assertThat(ChurnWalkForward.dates(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 6, 30))).isEqualTo(calendar);
        // A day later (or any day up to 5 July) trains on the same dates, so their features can be kept.
        assertThat(ChurnWalkForward.dates(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 7, 1))).isEqualTo(calendar);
        assertThat(ChurnWalkForward.dates(LocalDate.of(2026, 4, 7), LocalDate.of(2026, 7, 6))).containsExactly(
                LocalDate.of(2026, 4, 7), LocalDate.of(2026, 5, 7), LocalDate.of(2026, 6, 6), LocalDate.of(2026, 7, 6));
        assertThat(calendar).allMatch(ChurnWalkForward::isOnCalendar);
        assertThat(ChurnWalkForward.isOnCalendar(LocalDate.of(2026, 6, 30))).isFalse();
    }

    @Test
    void aModelForADayReadsNoOutcomeEndingAfterItNorAnyLaterRow() {
        MadeUpHistory history = new MadeUpHistory(LocalDate.MAX, 0.2);

        ChurnWalkForward.Trained trained = ChurnWalkForward.train(history, 90, FIRST, SCORED, line -> { });

        // The latest rows read are of 8 March, the last date of the calendar whose 90 days had passed by the day; the
        // latest outcome read ends 90 days after it, before the day.
        assertThat(history.latestRowDay).isEqualTo(LocalDate.of(2026, 3, 8));
        assertThat(history.latestOutcomeDay).isEqualTo(LocalDate.of(2026, 6, 6)).isBeforeOrEqualTo(SCORED);
        assertThat(trained.trainedThrough()).isEqualTo(SCORED);
        // 6 June, 7 May and 7 April are on the calendar but their 90 days had not passed.
        assertThat(trained.dates()).isEqualTo(ChurnWalkForward.dates(FIRST, SCORED).size() - 3);
        // Walk-forward evaluation: the 12 latest dates whose 90 days had passed by the day.
        assertThat(trained.evaluation().dates()).hasSize(12).last().isEqualTo(LocalDate.of(2026, 3, 8));
    }

    @Test
    void anOutcomePlantedAfterTheScoredDayCannotBeSeen() {
        // From 2026-07-01 on, open tickets decide churn. Trained for 2026-06-30, the model must not know it.
        MadeUpHistory history = new MadeUpHistory(SCORED, 0.2);

        ChurnModel blind = ChurnWalkForward.train(history, 90, FIRST, SCORED, line -> { }).model();
        // Trained half a year later, the rule is in its examples and tickets carry a heavy weight.
        ChurnModel seeing = ChurnWalkForward.train(history, 90, FIRST, SCORED.plusDays(180), line -> { }).model();

        assertThat(Math.abs(ticketWeight(blind))).isLessThan(0.3);
        assertThat(ticketWeight(seeing)).isGreaterThan(1.0);
    }

    @Test
    void tooFewOutcomesIsRefusedSayingHowManyThereAreAndHowManyAreNeeded() {
        // 0.3% of 200 accounts on each of 28 usable dates: about 17 churned examples, short of 30.
        MadeUpHistory history = new MadeUpHistory(LocalDate.MAX, 0.003);

        assertThatThrownBy(() -> ChurnWalkForward.train(history, 90, FIRST, SCORED, line -> { }))
                .isInstanceOf(ChurnWalkForward.TooFewOutcomes.class)
                .hasMessageContaining("Too few outcomes to train the 90-day churn model on the history through 2026-06-30")
                .hasMessageContaining("at least 30 of each are needed")
                .satisfies(e -> {
                    ChurnWalkForward.TooFewOutcomes refused = (ChurnWalkForward.TooFewOutcomes) e;
                    assertThat(refused.positives()).isLessThan(30);
                    assertThat(refused.negatives()).isGreaterThan(5000);
                    assertThat(e.getMessage()).contains(refused.positives() + " churned or contracted within 90 days and "
                            + refused.negatives() + " did not");
                });
    }
}
