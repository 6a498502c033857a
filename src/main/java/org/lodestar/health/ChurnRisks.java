package org.lodestar.health;

import org.lodestar.infrastructure.DatabaseGauges;
import io.micrometer.core.instrument.Tags;

import org.lodestar.health.internal.ChurnModels;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.lodestar.accounts.AccountSet;
import org.lodestar.accounts.BookFacts;
import org.lodestar.cluster.ClusterLocks;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The learned churn model beside the scorecard (PRODUCT §4): trains a version per horizon on the book's
 * own history (walk-forward, {@link ChurnWalkForward}), keeps every version with its evaluation, scores
 * the accounts with ARR today (probability, ARR at risk, contributions), and answers for an account with
 * both horizons and its scorecard band. Retrains on a schedule and on demand; rescores daily.
 */
@Service
public class ChurnRisks {

    /** The horizons a model is trained for, in days. */
    public static final List<Integer> HORIZONS = List.of(90, 180);
    /** Contributions shown for an account: the weightiest. */
    static final int SHOWN = 6;

    private static final Logger log = LoggerFactory.getLogger(ChurnRisks.class);

    private final ChurnFeatures features;
    private final ChurnModels models;
    private final HealthFacts health;
    private final BookFacts book;
    private final Clock clock;
    private final ClusterLocks locks;

    ChurnRisks(ChurnFeatures features, ChurnModels models, HealthFacts health, BookFacts book, Clock clock,
            ClusterLocks locks, DatabaseGauges gauges) {
        this.features = features;
        this.models = models;
        this.health = health;
        this.book = book;
        this.clock = clock;
        this.locks = locks;
        for (int horizon : HORIZONS) {
            gauges.register("lodestar.model.retrain.age", "Seconds since the churn model in use for the horizon was trained "
                    + "(NaN when none was)", "seconds", Tags.of("horizon", horizon + "d"),
                    () -> models.trainedAt(horizon)
                            .map(at -> Math.max(0, Duration.between(at, clock.instant()).toMillis() / 1000.0))
                            .orElse(Double.NaN));
        }
    }

    /** A model version as the API and pages show it. */
    public record ModelVersion(long version, int horizonDays, Instant trainedAt, LocalDate trainedThrough, String trainedBy,
            int dates, int examples, int positives, ChurnWalkForward.Evaluation evaluation, List<Weight> weightiest) {

        static ModelVersion of(ChurnModels.Version v) {
            List<Weight> weights = v.model().terms().stream()
                    .sorted(Comparator.comparingDouble((ChurnModel.Term t) -> -Math.abs(t.coefficient()))).limit(12)
                    .map(Weight::of).toList();
            return new ModelVersion(v.id(), v.horizonDays(), v.trainedAt(), v.trainedThrough(), v.trainedBy(), v.dates(),
                    v.examples(), v.positives(), v.evaluation(), weights);
        }
    }

    /** A term of the model and its weight: log-odds per standard deviation (per unit for an indicator). */
    public record Weight(String term, double logOdds) {

        static Weight of(ChurnModel.Term t) {
            String name = switch (t.kind()) {
                case VALUE -> ChurnFeature.ofKey(t.feature()).label();
                case MISSING -> ChurnFeature.ofKey(t.feature()).label() + ": no data";
                case SEGMENT -> "segment " + t.segment();
            };
            return new Weight(name, Math.round(t.coefficient() * 1000) / 1000.0);
        }
    }

    /** One horizon's answer for an account. */
    public record HorizonRisk(int days, LocalDate asOf, BigDecimal probability, BigDecimal expectedArrAtRisk,
            List<ChurnModel.Contribution> contributions, ModelVersion model) {
    }

    /** The scorecard's view, for comparison. */
    public record ScorecardView(BigDecimal score, Band band) {
    }

    /** An account's churn risk: each horizon with a model, its ARR, its scorecard, and where the two disagree. */
    public record AccountRisk(long accountId, BigDecimal arr, List<HorizonRisk> horizons, ScorecardView scorecard,
            String disagreement) {
    }

    /** A line of the ranked list. */
    public record RankedRisk(long accountId, String name, String segment, BigDecimal probability, BigDecimal arr,
            BigDecimal expectedArrAtRisk, Band band, BigDecimal score, String topReason) {
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /**
     * Trains a version for the horizon on the history through {@code through}, stores it and scores today's book
     * with it.
     *
     * @throws ChurnWalkForward.TooFewOutcomes when the history holds too few outcomes (nothing is stored)
     */
    public ModelVersion train(int horizonDays, LocalDate through, String by, Consumer<String> progress) {
        if (!HORIZONS.contains(horizonDays)) {
            throw new InvalidInput("horizon", "expected one of " + HORIZONS + " days, got " + horizonDays);
        }
        LocalDate last = through == null ? today() : through;
        if (last.isAfter(today())) {
            throw new InvalidInput("through", "must not be after today (" + today() + "), got " + last);
        }
        LocalDate first = features.firstDay();
        if (first == null || first.isAfter(last)) {
            throw new ChurnWalkForward.TooFewOutcomes("No history to train the " + horizonDays + "-day churn model on: the book "
                    + "had no contracts by " + last + "; at least " + ChurnWalkForward.MIN_OUTCOMES + " accounts that churned or "
                    + "contracted and " + ChurnWalkForward.MIN_OUTCOMES + " that did not are needed", 0, 0);
        }
        LocalDate day = today();
        ChurnWalkForward.History history = features.keptHistory(day, clock.instant());
        // Today's features are read while the history trains: the one waits on the database, the other on the processor.
        try (ExecutorService reader = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("churn-today").factory())) {
            Future<List<ChurnRow>> current = reader.submit(() -> history.rows(day));
            ChurnWalkForward.Trained trained = ChurnWalkForward.train(history, horizonDays, first, last, progress);
            long id = models.save(trained, clock.instant(), by);
            ChurnModels.Version version = models.latest(horizonDays).filter(v -> v.id() == id).orElseThrow();
            int scored = score(version, day, result(current));
            progress.accept(horizonDays + "-day model version " + id + " stored; " + scored + " accounts scored as of " + day);
            return ModelVersion.of(version);
        }
    }

    private static <T> T result(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading today's churn features", e);
        }
    }

    /**
     * Forgets the features kept for the calendar's past dates, so the next training reads the whole history again
     * (after a backfill of history the kept dates did not know).
     */
    public void forgetKeptFeatures() {
        features.forgetKept();
    }

    /** Scores today's accounts with ARR with the version in force of each horizon; returns how many were scored. */
    public int rescore() {
        LocalDate day = today();
        List<ChurnRow> rows = null;
        int scored = 0;
        for (int horizon : HORIZONS) {
            Optional<ChurnModels.Version> version = models.latest(horizon);
            if (version.isPresent()) {
                rows = rows == null ? features.keptHistory(day, clock.instant()).rows(day) : rows;
                scored += score(version.get(), day, rows);
            }
        }
        return scored;
    }

    private int score(ChurnModels.Version version, LocalDate day, List<ChurnRow> rows) {
        // Each account on its own: spread over the processors.
        List<ChurnModels.Risk> risks = rows.parallelStream().map(row -> {
            BigDecimal probability = BigDecimal.valueOf(version.model().probability(row)).setScale(6, RoundingMode.HALF_UP);
            BigDecimal arr = row.arr().setScale(2, RoundingMode.HALF_UP);
            List<ChurnModel.Contribution> contributions = version.model().contributions(row).stream().map(ChurnRisks::rounded)
                    .toList();
            return new ChurnModels.Risk(version.id(), row.accountId(), day, probability, arr,
                    arr.multiply(probability).setScale(2, RoundingMode.HALF_UP), contributions);
        }).toList();
        models.replaceRisks(version.id(), risks);
        return risks.size();
    }

    private static ChurnModel.Contribution rounded(ChurnModel.Contribution c) {
        return new ChurnModel.Contribution(c.feature(), c.label(), c.value(), Math.round(c.logOdds() * 10_000) / 10_000.0);
    }

    /** Every stored version, newest first. */
    public List<ModelVersion> versions() {
        return models.versions().stream().map(ModelVersion::of).toList();
    }

    /** Whether any model is in force. */
    public boolean trained() {
        return HORIZONS.stream().anyMatch(h -> models.latest(h).isPresent());
    }

    /**
     * The account's risk under the versions in force.
     *
     * @throws NotFound when no model is trained, the account does not exist, or it had no ARR when last scored
     */
    public AccountRisk forAccount(long accountId) {
        List<ChurnModels.Version> versions = HORIZONS.stream().map(models::latest).flatMap(Optional::stream).toList();
        if (versions.isEmpty()) {
            throw new NotFound("A churn model (none has been trained yet: run ./lodestar model train, or wait for the "
                    + "scheduled training)");
        }
        if (book.profiles(AccountSet.of(List.of(accountId)), true).isEmpty()) {
            throw new NotFound("Account " + accountId);
        }
        List<HorizonRisk> horizons = new ArrayList<>();
        BigDecimal arr = null;
        for (ChurnModels.Version version : versions) {
            Optional<ChurnModels.Risk> risk = models.risk(version.id(), accountId);
            if (risk.isPresent()) {
                ChurnModels.Risk r = risk.get();
                arr = r.arr();
                horizons.add(new HorizonRisk(version.horizonDays(), r.asOf(), r.probability(), r.arrAtRisk(),
                        r.contributions().subList(0, Math.min(SHOWN, r.contributions().size())), ModelVersion.of(version)));
            }
        }
        if (horizons.isEmpty()) {
            throw new NotFound("A churn risk for account " + accountId + " (only accounts with ARR when the model last scored "
                    + "the book, " + versions.getFirst().trainedThrough() + " or later, have one)");
        }
        HealthFacts.Current current = health.current(AccountSet.of(List.of(accountId))).get(accountId);
        ScorecardView scorecard = current == null ? null : new ScorecardView(current.score(), current.band());
        ChurnModels.Version first = versions.stream().filter(v -> v.horizonDays() == horizons.getFirst().days()).findFirst()
                .orElseThrow();
        return new AccountRisk(accountId, arr, horizons, scorecard, disagreement(scorecard, horizons.getFirst(),
                first.trainingRate()));
    }

    /**
     * A sentence when the scorecard band and the model point different ways: red while the model puts the account
     * under half the book's rate, or green while it puts it over twice the rate; null when they agree.
     */
    static String disagreement(ScorecardView scorecard, HorizonRisk risk, double bookRate) {
        if (scorecard == null || scorecard.band() == null || risk == null) {
            return null;
        }
        double p = risk.probability().doubleValue();
        String said = String.format(Locale.ROOT, "The scorecard has this account %s (%s) while the model puts churn or "
                + "contraction within %d days at %s, %s the book's %s", scorecard.band().label(),
                scorecard.score() == null ? "no score" : scorecard.score().toPlainString(), risk.days(), percent(p),
                p < bookRate ? "under half" : "over twice", percent(bookRate));
        if (scorecard.band() == Band.RED && p < bookRate / 2) {
            return said + ": the model sees little risk in " + reasons(risk, false) + ".";
        }
        if (scorecard.band() == Band.GREEN && p > bookRate * 2) {
            return said + ": the model weighs " + reasons(risk, true) + ", which the scorecard does not weigh as heavily.";
        }
        return null;
    }

    private static String reasons(HorizonRisk risk, boolean raising) {
        String listed = risk.contributions().stream().filter(c -> raising ? c.logOdds() > 0 : c.logOdds() < 0).limit(2)
                .map(ChurnModel.Contribution::phrase).collect(Collectors.joining(" and "));
        return listed.isEmpty() ? "what it reads" : listed;
    }

    public static String percent(double p) {
        return p < 0.01 ? String.format(Locale.ROOT, "%.1f%%", 100 * p) : String.format(Locale.ROOT, "%.0f%%", 100 * p);
    }

    /** The accounts scored by the version in force for the horizon, most ARR at risk first; empty without a model. */
    public List<RankedRisk> ranked(int horizonDays) {
        Optional<ChurnModels.Version> version = models.latest(horizonDays);
        if (version.isEmpty()) {
            return List.of();
        }
        List<ChurnModels.Risk> risks = models.risks(version.get().id());
        AccountSet accounts = AccountSet.of(risks.stream().map(ChurnModels.Risk::accountId).toList());
        Map<Long, BookFacts.Profile> profiles = risks.isEmpty() ? Map.of() : book.profiles(accounts, true);
        Map<Long, HealthFacts.Current> scores = risks.isEmpty() ? Map.of() : health.current(accounts);
        List<RankedRisk> ranked = new ArrayList<>();
        for (ChurnModels.Risk r : risks) {
            BookFacts.Profile profile = profiles.get(r.accountId());
            HealthFacts.Current current = scores.get(r.accountId());
            String reason = r.contributions().stream().filter(c -> c.logOdds() > 0).findFirst()
                    .map(ChurnModel.Contribution::phrase).orElse("");
            ranked.add(new RankedRisk(r.accountId(), profile == null ? "#" + r.accountId() : profile.name(),
                    profile == null ? null : profile.segment(), r.probability(), r.arr(), r.arrAtRisk(),
                    current == null ? null : current.band(), current == null ? null : current.score(), reason));
        }
        return ranked;
    }

    /** The version in force for the horizon, if any. */
    public Optional<ModelVersion> inForce(int horizonDays) {
        return models.latest(horizonDays).map(ModelVersion::of);
    }

    /** Each account's probability under the version in force for the horizon (accounts not scored are absent). */
    public Map<Long, BigDecimal> probabilities(int horizonDays) {
        return models.latest(horizonDays).map(v -> models.risks(v.id()).stream()
                .collect(Collectors.toMap(ChurnModels.Risk::accountId, ChurnModels.Risk::probability))).orElse(Map.of());
    }

    /** Retrains every horizon (a horizon with too few outcomes is logged and left as it was). */
    @Scheduled(cron = "${lodestar.churn.retrain-cron:0 15 3 * * SUN}", zone = "UTC")
    void retrainOnSchedule() {
        // On one node: every node's timer fires.
        locks.runOnce("churn-retrain", Duration.ofHours(6), Duration.ofMinutes(5), () -> {
            for (int horizon : HORIZONS) {
                try {
                    ModelVersion v = train(horizon, null, "schedule", line -> { });
                    log.info("Churn model retrained: {} days, version {}, walk-forward AUC {}", horizon, v.version(),
                            v.evaluation().auc());
                } catch (ChurnWalkForward.TooFewOutcomes e) {
                    log.info("Churn model not retrained: {}", e.getMessage());
                }
            }
        });
    }

    /** Rescores the book daily with the versions in force, so risks follow the data between trainings. */
    @Scheduled(cron = "${lodestar.churn.rescore-cron:0 50 2 * * *}", zone = "UTC")
    void rescoreDaily() {
        locks.runOnce("churn-rescore", Duration.ofHours(2), Duration.ofMinutes(5), () -> {
            if (trained()) {
                log.info("Churn risk rescored: {} account scores", rescore());
            }
        });
    }
}
