package org.lodestar.health;

import org.lodestar.health.internal.ChurnSnapshots;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Trains and judges the churn model on the book's own history, walk-forward: a model meant for a day D
 * learns only from dates d with d + horizon ≤ D, so every label it sees (churn or contraction in
 * (d, d + horizon]) was known by D. Dates lie on a fixed calendar, one every {@value #STEP_DAYS} days.
 * The model in force is trained for the last day; its evaluation is the pooled out-of-time
 * predictions of a model trained the same way for each of the {@value #EVALUATION_DATES} latest dates
 * whose outcomes are known. Plain Java over a {@link History}, so it can be checked without a database.
 */
public final class ChurnWalkForward {

    /** Fewer churned (or fewer retained) examples than this and the model is not trained. */
    public static final int MIN_OUTCOMES = 30;
    public static final int STEP_DAYS = 30;
    public static final int EVALUATION_DATES = 12;
    static final int MAX_DATES = 120;
    /** The latest span of known outcomes held out to calibrate on. */
    static final int CALIBRATION_SLICE_DAYS = 180;
    /** Fewer churned (or retained) examples than this in the slice and the model stays uncalibrated. */
    static final int MIN_SLICE_OUTCOMES = 10;
    static final long SEED = 42;
    static final int RESAMPLES = 1000;

    /** What the book knew: accounts with ARR at the end of a day, their features that day, and what happened after. */
    public interface History {

        /** The accounts with ARR at the end of the day, each with its features as of that day. */
        List<ChurnRow> rows(LocalDate day);

        /** The accounts that churned or contracted in (after, until]. */
        Set<Long> lostArr(LocalDate after, LocalDate until);
    }

    /** The history holds too few outcomes of one kind to fit a model, with the counts. */
    public static final class TooFewOutcomes extends RuntimeException {

        private final int positives;
        private final int negatives;

        TooFewOutcomes(String message, int positives, int negatives) {
            super(message);
            this.positives = positives;
            this.negatives = negatives;
        }

        public int positives() {
            return positives;
        }

        public int negatives() {
            return negatives;
        }
    }

    /**
     * How the model did on dates it had not seen: pooled over the evaluated dates, each scored by a model
     * trained only on outcomes known by then. Figures are null when no date could be evaluated.
     */
    public record Evaluation(List<LocalDate> dates, int rows, int positives, Double baseRate, Double auc,
            ClassifierMetrics.Interval aucInterval, Double brier, Double logLoss, List<ClassifierMetrics.CalibrationBin> calibration,
            String note) {
    }

    /** The model for the last day, what it learned from, and its evaluation. */
    /**
     * @param calibration the Platt scaling folded into the model (null: too few out-of-time outcomes to fit one)
     */
    public record Trained(ChurnModel model, LocalDate trainedThrough, int dates, int examples, int positives,
            ChurnModel.Platt calibration, Evaluation evaluation) {
    }

    private ChurnWalkForward() {
    }

    /**
     * The dates of the history, oldest first: the days from {@code first} to {@code last} on a fixed calendar, one every
     * {@value #STEP_DAYS} days counted from 1970-01-01 (the latest at most {@value #MAX_DATES}). Fixed, so a date read for
     * one training is the same date the next day's training reads, and its features can be kept ({@link ChurnSnapshots}).
     */
    static List<LocalDate> dates(LocalDate first, LocalDate last) {
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = onCalendar(last); !d.isBefore(first) && dates.size() < MAX_DATES; d = d.minusDays(STEP_DAYS)) {
            dates.add(d);
        }
        Collections.reverse(dates);
        return dates;
    }

    /** The latest date of the calendar on or before the day. */
    static LocalDate onCalendar(LocalDate day) {
        return LocalDate.ofEpochDay(Math.floorDiv(day.toEpochDay(), STEP_DAYS) * STEP_DAYS);
    }

    /** Whether the day is a date of the calendar. */
    static boolean isOnCalendar(LocalDate day) {
        return Math.floorMod(day.toEpochDay(), STEP_DAYS) == 0;
    }

    /** Examples and their labels for a model meant for {@code scoredOn}: dates d of the history with d + horizon ≤ scoredOn. */
    record Examples(List<ChurnRow> rows, boolean[] outcomes, int dates, int positives) {

        int negatives() {
            return rows.size() - positives;
        }
    }

    static Examples examples(History history, List<LocalDate> dates, int horizonDays, LocalDate scoredOn) {
        List<ChurnRow> rows = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        int used = 0;
        for (LocalDate d : dates) {
            LocalDate until = d.plusDays(horizonDays);
            if (until.isAfter(scoredOn)) {
                continue;
            }
            used++;
            Set<Long> lost = history.lostArr(d, until);
            for (ChurnRow row : history.rows(d)) {
                rows.add(row);
                labels.add(lost.contains(row.accountId()));
            }
        }
        boolean[] outcomes = new boolean[labels.size()];
        int positives = 0;
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = labels.get(i);
            positives += outcomes[i] ? 1 : 0;
        }
        return new Examples(rows, outcomes, used, positives);
    }

    /**
     * Trains the model for {@code last} on the history from {@code first}, and evaluates the same training on
     * the latest dates whose outcomes are known.
     *
     * @throws TooFewOutcomes when the examples for {@code last} hold fewer than {@value #MIN_OUTCOMES} of either outcome
     */
    public static Trained train(History source, int horizonDays, LocalDate first, LocalDate last, Consumer<String> progress) {
        History history = remembering(source);
        List<LocalDate> dates = dates(first, last);
        progress.accept(horizonDays + "-day model: reading " + dates.size() + " dates from " + dates.getFirst() + " to " + last);
        Examples all = examples(history, dates, horizonDays, last);
        if (all.positives() < MIN_OUTCOMES || all.negatives() < MIN_OUTCOMES) {
            throw new TooFewOutcomes("Too few outcomes to train the " + horizonDays + "-day churn model on the history through "
                    + last + ": " + all.rows().size() + " examples (accounts with ARR on " + all.dates() + " dates " + STEP_DAYS
                    + " days apart whose " + horizonDays + " days had passed), of which " + all.positives()
                    + " churned or contracted within " + horizonDays + " days and " + all.negatives() + " did not; at least "
                    + MIN_OUTCOMES + " of each are needed", all.positives(), all.negatives());
        }
        Evaluation evaluation = evaluate(history, dates, horizonDays, last, progress);
        progress.accept(horizonDays + "-day model: fitting on " + all.rows().size() + " examples (" + all.positives()
                + " churned or contracted) from " + all.dates() + " dates");
        ChurnModel.Platt platt = calibration(history, dates, horizonDays, last);
        ChurnModel model = ChurnModel.fit(horizonDays, all.rows(), all.outcomes(), SEED).calibrated(platt);
        return new Trained(model, last, all.dates(), all.rows().size(), all.positives(), platt == ChurnModel.Platt.NONE ? null
                : platt, evaluation);
    }

    /**
     * Scores each of the latest dates whose outcomes are known with a model trained on what was known then, its
     * probabilities calibrated by Platt scaling fitted on the earlier dates' predictions whose outcomes were known
     * by then (uncalibrated while fewer than {@value #MIN_OUTCOMES} of them churned).
     */
    static Evaluation evaluate(History history, List<LocalDate> dates, int horizonDays, LocalDate last, Consumer<String> progress) {
        List<LocalDate> known = dates.stream().filter(d -> !d.plusDays(horizonDays).isAfter(last)).toList();
        List<LocalDate> scored = known.subList(Math.max(0, known.size() - EVALUATION_DATES), known.size());
        List<Double> probabilities = new ArrayList<>();
        List<Boolean> outcomes = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        Map<Long, Integer> groupOf = new HashMap<>();
        List<LocalDate> evaluated = new ArrayList<>();
        int skipped = 0;
        int calibrated = 0;
        for (LocalDate day : scored) {
            Examples training = examples(history, dates, horizonDays, day);
            if (training.positives() < MIN_OUTCOMES || training.negatives() < MIN_OUTCOMES) {
                skipped++;
                continue;
            }
            ChurnModel.Platt platt = calibration(history, dates, horizonDays, day);
            ChurnModel model = ChurnModel.fit(horizonDays, training.rows(), training.outcomes(), SEED).calibrated(platt);
            calibrated += platt == ChurnModel.Platt.NONE ? 0 : 1;
            Set<Long> lost = history.lostArr(day, day.plusDays(horizonDays));
            for (ChurnRow row : history.rows(day)) {
                double logit = model.logit(row);
                boolean outcome = lost.contains(row.accountId());
                probabilities.add(ChurnModel.sigmoid(logit));
                outcomes.add(outcome);
                groups.add(groupOf.computeIfAbsent(row.accountId(), a -> groupOf.size()));
            }
            evaluated.add(day);
            progress.accept(horizonDays + "-day model: evaluated on " + day + " (trained on " + training.rows().size()
                    + " examples known by then" + (platt == ChurnModel.Platt.NONE ? ", uncalibrated" : ", calibrated") + ")");
        }
        List<String> notes = new ArrayList<>();
        if (skipped > 0) {
            notes.add(skipped + " of the " + scored.size() + " latest dates whose outcomes are known had too few outcomes before "
                    + "them to train on and were not evaluated");
        }
        if (calibrated < evaluated.size()) {
            notes.add((evaluated.size() - calibrated) + " of " + evaluated.size() + " dates uncalibrated: too few outcomes "
                    + "before them to hold a slice out for calibration");
        }
        String note = notes.isEmpty() ? null : String.join("; ", notes);
        double[] p = probabilities.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] o = new boolean[p.length];
        int[] g = groups.stream().mapToInt(Integer::intValue).toArray();
        int positives = 0;
        for (int i = 0; i < o.length; i++) {
            o[i] = outcomes.get(i);
            positives += o[i] ? 1 : 0;
        }
        if (p.length == 0 || positives == 0 || positives == p.length) {
            return new Evaluation(evaluated, p.length, positives, p.length == 0 ? null : (double) positives / p.length,
                    null, null, null, null, List.of(), skipped > 0 ? notes.getFirst() : "no date with both outcomes to evaluate on");
        }
        return new Evaluation(evaluated, p.length, positives, (double) positives / p.length,
                ClassifierMetrics.auc(p, o), ClassifierMetrics.aucInterval(p, o, g, RESAMPLES, SEED),
                ClassifierMetrics.brier(p, o), ClassifierMetrics.logLoss(p, o), ClassifierMetrics.calibration(p, o, 10), note);
    }

    /**
     * Platt scaling for a model meant for {@code day}, fitted on a later slice: a model trained only on the examples
     * known {@value #CALIBRATION_SLICE_DAYS} days before the day scores the dates of that slice, whose outcomes were known
     * by the day, and the slope and offset that make those scores honest are kept. None when either side has too few
     * outcomes.
     */
    static ChurnModel.Platt calibration(History history, List<LocalDate> dates, int horizonDays, LocalDate day) {
        LocalDate sliceEnd = day.minusDays(horizonDays);
        Examples early = examples(history, dates, horizonDays, day.minusDays(CALIBRATION_SLICE_DAYS));
        if (early.positives() < MIN_OUTCOMES || early.negatives() < MIN_OUTCOMES) {
            return ChurnModel.Platt.NONE;
        }
        ChurnModel model = ChurnModel.fit(horizonDays, early.rows(), early.outcomes(), SEED);
        List<Double> logits = new ArrayList<>();
        List<Boolean> outcomes = new ArrayList<>();
        for (LocalDate d : dates) {
            if (d.isAfter(sliceEnd) || !d.isAfter(sliceEnd.minusDays(CALIBRATION_SLICE_DAYS))) {
                continue;
            }
            Set<Long> lost = history.lostArr(d, d.plusDays(horizonDays));
            for (ChurnRow row : history.rows(d)) {
                logits.add(model.logit(row));
                outcomes.add(lost.contains(row.accountId()));
            }
        }
        long positives = outcomes.stream().filter(o -> o).count();
        if (positives < MIN_SLICE_OUTCOMES || outcomes.size() - positives < MIN_SLICE_OUTCOMES) {
            return ChurnModel.Platt.NONE;
        }
        boolean[] o = new boolean[outcomes.size()];
        for (int i = 0; i < o.length; i++) {
            o[i] = outcomes.get(i);
        }
        return ChurnModel.Platt.fit(logits.stream().mapToDouble(Double::doubleValue).toArray(), o);
    }

    /** Reads each day's rows and each period's outcomes once, however often training asks. */
    static History remembering(History source) {
        Map<LocalDate, List<ChurnRow>> rows = new HashMap<>();
        Map<List<LocalDate>, Set<Long>> lost = new HashMap<>();
        return new History() {
            @Override
            public List<ChurnRow> rows(LocalDate day) {
                return rows.computeIfAbsent(day, source::rows);
            }

            @Override
            public Set<Long> lostArr(LocalDate after, LocalDate until) {
                return lost.computeIfAbsent(List.of(after, until), k -> source.lostArr(after, until));
            }
        };
    }
}
