package org.lodestar.signals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.lodestar.accounts.AccountSet;
import org.lodestar.accounts.BookFacts;
import org.lodestar.billing.BillingFacts;
import org.lodestar.health.Band;
import org.lodestar.health.HealthFacts;
import org.lodestar.hygiene.DataHygiene;
import org.lodestar.revenue.ContractFacts;
import org.lodestar.plans.SuccessPlans;
import org.lodestar.support.SupportFacts;
import org.lodestar.surveys.SentimentFacts;
import org.lodestar.surveys.SurveyKind;
import org.lodestar.usage.UsageFacts.Days;
import org.lodestar.usage.UsageFacts;
import org.springframework.stereotype.Component;

/**
 * Composes the facts the rules need for many accounts at once, as of a day, from what each owning
 * module publishes (accounts, contracts, usage, health, tickets, surveys, invoices): a few grouped
 * queries per batch of accounts instead of a call per account and fact.
 */
@Component
class SignalFacts {

    private static final int BATCH = 1000;

    private final BookFacts book;
    private final HealthFacts health;
    private final UsageFacts usage;
    private final ContractFacts contracts;
    private final SupportFacts support;
    private final BillingFacts billing;
    private final SentimentFacts sentiment;
    private final SuccessPlans plans;
    private final DataHygiene hygiene;

    SignalFacts(BookFacts book, HealthFacts health, UsageFacts usage, ContractFacts contracts, SupportFacts support,
            BillingFacts billing, SentimentFacts sentiment, SuccessPlans plans, DataHygiene hygiene) {
        this.hygiene = hygiene;
        this.plans = plans;
        this.book = book;
        this.health = health;
        this.usage = usage;
        this.contracts = contracts;
        this.support = support;
        this.billing = billing;
        this.sentiment = sentiment;
    }

    /** Facts of these accounts (null: every account that is not churned), in id order. */
    List<AccountFacts> read(Collection<Long> accountIds, LocalDate today, List<SignalRule> rules) {
        List<Long> ids = new ArrayList<>(accountIds == null ? book.profiles(AccountSet.all(), false).keySet()
                : new TreeSet<>(accountIds));
        List<AccountFacts> facts = new ArrayList<>();
        Map<Long, Integer> hygieneScores = rules.stream().anyMatch(r -> r.kind() == SignalKind.DATA_HYGIENE)
                ? hygiene.scoreByAccount(today, ids) : Map.of();
        for (int i = 0; i < ids.size(); i += BATCH) {
            facts.addAll(readBatch(AccountSet.of(ids.subList(i, Math.min(ids.size(), i + BATCH))), today, rules, hygieneScores));
        }
        return facts;
    }

    private List<AccountFacts> readBatch(AccountSet accounts, LocalDate today, List<SignalRule> rules,
            Map<Long, Integer> hygieneScores) {
        Map<Long, BookFacts.Profile> profiles = book.profiles(accounts, false);
        Map<Long, HealthFacts.Current> scores = health.current(accounts);
        Map<Long, List<SuccessPlans.OpenMilestone>> milestones = plans.openMilestones(accounts);

        Map<Long, Map<Integer, Band>> bandsAgo = new HashMap<>();
        for (int days : windows(rules, SignalKind.BAND_DROP)) {
            // The last snapshot on or before that day (within a month of it).
            health.bandOn(accounts, today.minusDays(days), 30).forEach((account, band) -> bandsAgo
                    .computeIfAbsent(account, a -> new HashMap<>()).put(days, band));
        }

        Map<Long, Map<Integer, AccountFacts.Usage>> usageDrops = new HashMap<>();
        List<Integer> dropWindows = List.copyOf(windows(rules, SignalKind.USAGE_DROP));
        List<Days> ranges = new ArrayList<>();
        for (int days : dropWindows) {
            ranges.add(Days.ending(today, days));
            ranges.add(Days.ending(today, days).before());
        }
        usage.totals(accounts, ranges).forEach((account, totals) -> {
            for (int w = 0; w < dropWindows.size(); w++) {
                usageDrops.computeIfAbsent(account, a -> new HashMap<>()).put(dropWindows.get(w),
                        new AccountFacts.Usage(totals.get(2 * w).events(), totals.get(2 * w + 1).events()));
            }
        });
        Map<Long, UsageFacts.Activity> activity = usage.activity(accounts, today);

        Map<Long, List<AccountFacts.Contact>> contacts = new HashMap<>();
        book.contacts(accounts).forEach((account, people) -> contacts.put(account, people.stream()
                .map(c -> new AccountFacts.Contact(c.id(), c.name(), c.role(), c.active(), c.leftOn(), c.addedOn()))
                .toList()));

        int answerDays = windows(rules, SignalKind.NPS_DETRACTOR).stream().max(Integer::compare).orElse(0);
        Map<Long, List<AccountFacts.Answer>> answers = new HashMap<>();
        if (answerDays > 0) {
            sentiment.answers(accounts, SurveyKind.NPS, today.minusDays(answerDays), today).forEach((account, list) -> answers
                    .put(account, list.stream().map(a -> new AccountFacts.Answer(a.id(), a.score(), a.on(), a.respondent(),
                            a.comment())).toList()));
        }

        Map<Long, List<AccountFacts.Ticket>> tickets = new HashMap<>();
        support.openOn(accounts, today).forEach((account, open) -> tickets.put(account, open.stream()
                .map(t -> new AccountFacts.Ticket(t.id(), t.externalId(), t.subject(), t.priority(), t.openedOn()))
                .toList()));

        Map<Long, List<AccountFacts.Bill>> bills = new HashMap<>();
        billing.overdueOn(accounts, today).forEach((account, overdue) -> bills.put(account, overdue.stream()
                .map(b -> new AccountFacts.Bill(b.id(), b.number(), b.dueOn(), b.open(), b.currency())).toList()));

        Map<Integer, Map<Long, Long>> activeUsers = new HashMap<>();
        for (int days : windows(rules, SignalKind.OVER_UTILISATION)) {
            activeUsers.put(days, usage.activeUsers(accounts, Days.ending(today, days)));
        }
        Map<Long, Long> seats = contracts.seats(accounts, today);
        Map<Long, Set<String>> contracted = contracts.modules(accounts, today);
        Map<Long, Set<String>> used = usage.modulesUsed(accounts, Days.ending(today, 30));
        Map<Long, Set<String>> usedBefore = usage.modulesUsed(accounts, Days.ending(today, 30).before());
        Map<Long, ContractFacts.Renewal> renewals = contracts.nextRenewal(accounts, today);
        Map<Long, LocalDate> since = contracts.customerSince(accounts);
        Set<Long> kickoff = book.lastKickoff(accounts, today).keySet();
        Map<Long, LocalDate> reviews = book.lastBusinessReview(accounts, today);
        Map<Long, LocalDate> executiveReviews = book.lastExecutiveReview(accounts, today);

        Set<String> features = new TreeSet<>();
        int featureDays = 0;
        for (SignalRule rule : rules) {
            if (rule.kind() == SignalKind.FEATURE_USED) {
                features.addAll(rule.features());
                featureDays = Math.max(featureDays, rule.days());
            }
        }
        // Over the days before today, today included.
        Map<Long, Map<String, LocalDate>> featureUse = features.isEmpty() ? Map.of()
                : usage.featuresLastUsed(accounts, new Days(today.minusDays(featureDays - 1L), today), features);

        List<AccountFacts> facts = new ArrayList<>();
        for (BookFacts.Profile p : profiles.values()) {
            long id = p.id();
            boolean tracked = activity.containsKey(id);
            Set<String> modules = contracted.getOrDefault(id, Set.of());
            Set<String> inUse = new HashSet<>(used.getOrDefault(id, Set.of()));
            inUse.retainAll(modules);
            Set<String> inUseBefore = new HashSet<>(usedBefore.getOrDefault(id, Set.of()));
            inUseBefore.retainAll(modules);
            Map<Integer, Long> users = new HashMap<>();
            if (tracked) {
                activeUsers.forEach((days, byAccount) -> users.put(days, byAccount.getOrDefault(id, 0L)));
            }
            HealthFacts.Current score = scores.get(id);
            ContractFacts.Renewal renewal = renewals.get(id);
            facts.add(new AccountFacts(id, p.name(), p.segment(), p.stage(), p.coverage(), p.arr(),
                    score == null ? null : score.score(), score == null ? null : score.band(),
                    bandsAgo.getOrDefault(id, Map.of()), usageDrops.getOrDefault(id, Map.of()), tracked,
                    tracked ? activity.get(id).lastActive() : null, contacts.getOrDefault(id, List.of()),
                    answers.getOrDefault(id, List.of()), tickets.getOrDefault(id, List.of()), bills.getOrDefault(id, List.of()),
                    users, seats.get(id), tracked && !modules.isEmpty() ? (long) inUse.size() : null,
                    tracked && !modules.isEmpty() ? (long) inUseBefore.size() : null,
                    modules.isEmpty() ? null : (long) modules.size(),
                    renewal == null ? null : new AccountFacts.Renewal(renewal.subscription(), renewal.date(), renewal.arr()),
                    since.get(id), kickoff.contains(id), reviews.get(id), executiveReviews.get(id), featureUse.getOrDefault(id, Map.of()),
                    milestones.getOrDefault(id, List.of()).stream().map(m -> new AccountFacts.Milestone(m.id(), m.title(),
                            m.plan(), m.dueOn())).toList(), hygieneScores.get(id)));
        }
        return facts;
    }

    private static Set<Integer> windows(List<SignalRule> rules, SignalKind kind) {
        Set<Integer> days = new TreeSet<>();
        rules.stream().filter(r -> r.kind() == kind).forEach(r -> days.add(r.days()));
        return days;
    }
}
