package org.lodestar.health;

import org.lodestar.health.internal.ChurnSnapshots;
import org.lodestar.health.internal.HealthStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.lodestar.accounts.AccountSet;
import org.lodestar.accounts.BookFacts;
import org.lodestar.accounts.StakeholderRole;
import org.lodestar.revenue.ContractFacts;
import org.lodestar.surveys.SentimentFacts;
import org.lodestar.surveys.SurveyKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * The churn model's features for the accounts with ARR on a day, composed from the facts each module
 * publishes: the scorecard inputs (usage, adoption, sentiment, support, billing, engagement, read by
 * {@link HealthInputs}, so the model and the scorecards see the same numbers), and from the ledger and
 * contracts the ARR, tenure and next renewal. Everything is as of the end of the day; nothing after it.
 */
@Component
class ChurnFeatures {

    static final String NO_SEGMENT = "(none)";
    private static final Logger log = LoggerFactory.getLogger(ChurnFeatures.class);
    private static final int NPS_DAYS = 180;

    private static final Map<ChurnFeature, MeasureInput.Key> INPUTS = inputs();

    private final HealthInputs inputs;
    private final BookFacts book;
    private final ContractFacts contracts;
    private final SentimentFacts sentiment;
    private final ChurnSnapshots snapshots;
    private final HealthStore store;
    private final HealthConfiguration configuration;

    ChurnFeatures(HealthInputs inputs, BookFacts book, ContractFacts contracts, SentimentFacts sentiment,
            ChurnSnapshots snapshots, HealthStore store, HealthConfiguration configuration) {
        this.snapshots = snapshots;
        this.store = store;
        this.configuration = configuration;
        this.inputs = inputs;
        this.book = book;
        this.contracts = contracts;
        this.sentiment = sentiment;
    }

    private static Map<ChurnFeature, MeasureInput.Key> inputs() {
        Map<ChurnFeature, MeasureInput.Key> keys = new EnumMap<>(ChurnFeature.class);
        keys.put(ChurnFeature.LICENCE_UTILISATION, new MeasureInput.Key(MeasureInput.LICENCE_UTILISATION, 30));
        keys.put(ChurnFeature.USAGE_TREND, new MeasureInput.Key(MeasureInput.USAGE_TREND, 30));
        keys.put(ChurnFeature.ACTIVE_DAYS, new MeasureInput.Key(MeasureInput.ACTIVE_DAYS, 30));
        keys.put(ChurnFeature.ADOPTION_DEPTH, new MeasureInput.Key(MeasureInput.ADOPTION_DEPTH, 30));
        keys.put(ChurnFeature.NPS, new MeasureInput.Key(MeasureInput.NPS, NPS_DAYS));
        keys.put(ChurnFeature.CSAT, new MeasureInput.Key(MeasureInput.CSAT, 90));
        keys.put(ChurnFeature.DAYS_SINCE_ENGAGEMENT, new MeasureInput.Key(MeasureInput.DAYS_SINCE_ENGAGEMENT, 0));
        keys.put(ChurnFeature.OPEN_TICKETS, new MeasureInput.Key(MeasureInput.OPEN_TICKETS, 0));
        keys.put(ChurnFeature.URGENT_OPEN_TICKETS, new MeasureInput.Key(MeasureInput.URGENT_OPEN_TICKETS, 0));
        keys.put(ChurnFeature.OLDEST_OPEN_TICKET_DAYS, new MeasureInput.Key(MeasureInput.OLDEST_OPEN_TICKET_DAYS, 0));
        keys.put(ChurnFeature.TICKETS_RAISED, new MeasureInput.Key(MeasureInput.TICKETS_OPENED, 90));
        keys.put(ChurnFeature.DAYS_OVERDUE, new MeasureInput.Key(MeasureInput.DAYS_OVERDUE, 0));
        return keys;
    }

    /** The scorecard inputs the model reads. */
    static Set<MeasureInput.Key> inputKeys() {
        return Set.copyOf(INPUTS.values());
    }

    /** The first day any account had a contract, or null for an empty book. */
    LocalDate firstDay() {
        return contracts.customerSince(AccountSet.all()).values().stream().min(LocalDate::compareTo).orElse(null);
    }

    /**
     * The book's history as the model reads it. Who the accounts and their contacts are is read once, when it is
     * made; each day's features when asked.
     */
    ChurnWalkForward.History history() {
        return history(null, null);
    }

    /**
     * The history with each date of the model's calendar that has passed by {@code today} read once and kept
     * ({@link ChurnSnapshots}): later trainings read the date back as the book knew it when it was first read.
     * Today and days off the calendar are read afresh each time, today taking what the scorecards read today from beside
     * the scores ({@link #inputs}).
     */
    ChurnWalkForward.History keptHistory(LocalDate today, Instant now) {
        return history(today, now);
    }

    /** Forgets every kept date: the next training reads the whole history again. */
    void forgetKept() {
        snapshots.clear();
    }

    private ChurnWalkForward.History history(LocalDate today, Instant now) {
        Map<Long, BookFacts.Profile> profiles = book.profiles(AccountSet.all(), true);
        Map<Long, List<BookFacts.Contact>> contacts = book.contacts(AccountSet.all(),
                Set.of(StakeholderRole.ECONOMIC_SPONSOR, StakeholderRole.CHAMPION));
        Map<Long, LocalDate> since = contracts.customerSince(AccountSet.all());
        return new ChurnWalkForward.History() {
            @Override
            public List<ChurnRow> rows(LocalDate day) {
                if (today == null || !day.isBefore(today) || !ChurnWalkForward.isOnCalendar(day)) {
                    return ChurnFeatures.this.rows(day, profiles, contacts, since, day.equals(today));
                }
                Optional<List<ChurnSnapshots.Kept>> kept = snapshots.read(day);
                if (kept.isPresent()) {
                    // An account removed since the date was kept is left out, as reading the date again would.
                    return kept.get().stream().filter(k -> profiles.containsKey(k.accountId()))
                            .map(k -> new ChurnRow(k.accountId(), day, segment(profiles.get(k.accountId())), k.arr(), k.values()))
                            .toList();
                }
                List<ChurnRow> rows = ChurnFeatures.this.rows(day, profiles, contacts, since, false);
                try {
                    snapshots.write(day, rows, now);
                } catch (DataIntegrityViolationException e) {
                    // Another training (another node, the command line) kept the same date at the same moment.
                    log.debug("The churn features of {} were kept by another training", day, e);
                }
                return rows;
            }

            @Override
            public Set<Long> lostArr(LocalDate after, LocalDate until) {
                return contracts.outcomes(after, until).keySet();
            }
        };
    }

    private static String segment(BookFacts.Profile profile) {
        return profile == null || profile.segment() == null || profile.segment().isBlank() ? NO_SEGMENT : profile.segment();
    }

    /**
     * The inputs of the accounts on the day. Today, an account scored today and not marked due since has its scorecard
     * inputs stored beside its score, read with the same rules as of today: those the model shares with the scorecards
     * are taken from there instead of read again; the rest, and every input of other accounts, are read.
     */
    InputValues inputs(LocalDate day, Set<Long> accounts, boolean today) {
        Set<MeasureInput.Key> all = Set.copyOf(INPUTS.values());
        Set<MeasureInput.Key> shared = new HashSet<>(all);
        shared.retainAll(configuration.scorecards().inputs());
        if (!today || shared.isEmpty()) {
            return inputs.read(day, all, accounts);
        }
        Map<Long, String> stored = store.inputsScoredOn(day);
        InputValues values = new InputValues();
        Set<Long> taken = new HashSet<>();
        for (long account : accounts) {
            Map<MeasureInput.Key, BigDecimal> kept = StoredInputs.decode(stored.get(account), shared);
            if (kept != null) {
                shared.forEach(key -> values.put(key, account, kept.get(key)));
                taken.add(account);
            }
        }
        Set<Long> rest = new HashSet<>(accounts);
        rest.removeAll(taken);
        if (!rest.isEmpty()) {
            values.putAll(inputs.read(day, all, rest));
        }
        Set<MeasureInput.Key> unshared = new HashSet<>(all);
        unshared.removeAll(shared);
        if (!taken.isEmpty() && !unshared.isEmpty()) {
            values.putAll(inputs.read(day, unshared, taken));
        }
        return values;
    }

    private List<ChurnRow> rows(LocalDate day, Map<Long, BookFacts.Profile> profiles, Map<Long, List<BookFacts.Contact>> contacts,
            Map<Long, LocalDate> since, boolean today) {
        Map<Long, BigDecimal> arr = new TreeMap<>(contracts.arrOn(day));
        if (arr.isEmpty()) {
            return List.of();
        }
        InputValues values = inputs(day, arr.keySet(), today);
        AccountSet accounts = AccountSet.of(arr.keySet());
        Map<Long, List<SentimentFacts.Answer>> nps = sentiment.answers(accounts, SurveyKind.NPS, day.minusDays(NPS_DAYS - 1), day);
        Map<Long, ContractFacts.Renewal> renewals = contracts.nextRenewal(accounts, day);
        List<ChurnRow> rows = new ArrayList<>();
        arr.forEach((account, amount) -> {
            Map<ChurnFeature, Double> row = new EnumMap<>(ChurnFeature.class);
            INPUTS.forEach((feature, key) -> {
                BigDecimal value = values.get(account, key);
                if (value != null) {
                    row.put(feature, value.doubleValue());
                }
            });
            List<SentimentFacts.Answer> answers = nps.get(account);
            if (answers != null && !answers.isEmpty()) {
                row.put(ChurnFeature.DETRACTOR, answers.stream().anyMatch(a -> a.score() <= 6) ? 1.0 : 0.0);
            }
            List<BookFacts.Contact> people = contacts.getOrDefault(account, List.of());
            row.put(ChurnFeature.SPONSOR, inPlace(people, StakeholderRole.ECONOMIC_SPONSOR, day) ? 1.0 : 0.0);
            row.put(ChurnFeature.CHAMPION, inPlace(people, StakeholderRole.CHAMPION, day) ? 1.0 : 0.0);
            row.put(ChurnFeature.LOG_ARR, Math.log1p(amount.doubleValue()));
            LocalDate first = since.get(account);
            if (first != null) {
                row.put(ChurnFeature.TENURE_DAYS, (double) Math.max(0, ChronoUnit.DAYS.between(first, day)));
            }
            ContractFacts.Renewal renewal = renewals.get(account);
            long toRenewal = renewal == null ? Long.MAX_VALUE : ChronoUnit.DAYS.between(day, renewal.date());
            if (renewal != null) {
                row.put(ChurnFeature.DAYS_TO_RENEWAL, (double) toRenewal);
            }
            row.put(ChurnFeature.RENEWS_WITHIN_90, toRenewal <= 90 ? 1.0 : 0.0);
            row.put(ChurnFeature.RENEWS_WITHIN_180, toRenewal <= 180 ? 1.0 : 0.0);
            rows.add(new ChurnRow(account, day, segment(profiles.get(account)), amount, row));
        });
        return rows;
    }

    /** A contact of the role in place at the end of the day (added by then, or with the account, and not left). */
    private static boolean inPlace(List<BookFacts.Contact> people, StakeholderRole role, LocalDate day) {
        return people.stream().anyMatch(c -> c.role() == role && c.inPlaceOn(day));
    }
}
