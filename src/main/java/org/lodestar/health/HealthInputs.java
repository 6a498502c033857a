package org.lodestar.health;

import org.lodestar.health.internal.UsagePlan;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lodestar.accounts.AccountSet;
import org.lodestar.accounts.BookFacts;
import org.lodestar.accounts.StakeholderRole;
import org.lodestar.billing.BillingFacts;
import org.lodestar.revenue.ContractFacts;
import org.lodestar.support.SupportFacts;
import org.lodestar.surveys.SentimentFacts;
import org.lodestar.surveys.SurveyKind;
import org.lodestar.usage.UsageFacts;
import org.lodestar.usage.UsageFacts.Days;
import org.lodestar.usage.UsageFigures;
import org.springframework.stereotype.Component;

/**
 * Reads every scorecard input for a set of accounts as of a date by composing the facts each owning
 * module publishes (usage, contracts, support, billing, sentiment, relationships), a handful of grouped
 * queries whatever the number of accounts. Rules per input: {@link MeasureInput} and docs/health.md.
 */
@Component
class HealthInputs {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final BookFacts book;
    private final UsageFacts usage;
    private final ContractFacts contracts;
    private final SupportFacts support;
    private final BillingFacts billing;
    private final SentimentFacts sentiment;

    HealthInputs(BookFacts book, UsageFacts usage, ContractFacts contracts, SupportFacts support, BillingFacts billing,
            SentimentFacts sentiment) {
        this.book = book;
        this.usage = usage;
        this.contracts = contracts;
        this.support = support;
        this.billing = billing;
        this.sentiment = sentiment;
    }

    /**
     * @param accountIds the accounts, or null for every account (faster than listing them all)
     */
    InputValues read(LocalDate asOf, Set<MeasureInput.Key> keys, Collection<Long> accountIds) {
        InputValues values = new InputValues();
        AccountSet read = AccountSet.toRead(accountIds, accountIds == null ? 0 : book.size());
        Collection<Long> ids = accountIds == null ? book.ids() : accountIds;
        new Reader(asOf, keys, values, read, ids).readAll();
        return values;
    }

    /**
     * The usage inputs of the plan's keys from their figures (read from the rollups' windows, or added up from a
     * summary of earlier days and today's rollups), with the contracts' seats and modules they are measured against.
     */
    InputValues readUsage(UsagePlan plan, UsagePlan.Figures figures, Collection<Long> accountIds) {
        InputValues values = new InputValues();
        putUsage(plan, figures, AccountSet.toRead(accountIds, book.size()), accountIds, values);
        return values;
    }

    private void putUsage(UsagePlan plan, UsagePlan.Figures figures, AccountSet scope, Collection<Long> ids,
            InputValues values) {
        LocalDate asOf = plan.asOf();
        Map<Long, Long> seats = plan.userKeys().stream().noneMatch(k -> k.input() == MeasureInput.LICENCE_UTILISATION)
                ? Map.of() : contracts.seats(scope, asOf);
        Map<Long, Set<String>> contracted = plan.depthKeys().isEmpty() ? Map.of() : contracts.modules(scope, asOf);
        for (long account : ids) {
            if (!figures.tracked().contains(account)) {
                continue;
            }
            List<UsageFacts.Totals> row = figures.totals().get(account);
            int range = 0;
            for (MeasureInput.Key key : plan.dayKeys()) {
                UsageFacts.Totals current = row == null ? new UsageFacts.Totals(0, 0) : row.get(range++);
                switch (key.input()) {
                    case ACTIVE_DAYS -> values.put(key, account, BigDecimal.valueOf(current.activeDays()));
                    case EVENTS -> values.put(key, account, BigDecimal.valueOf(current.events()));
                    default -> {
                        long previous = row == null ? 0 : row.get(range++).events();
                        values.put(key, account, previous == 0 ? null : BigDecimal.valueOf(current.events() - previous)
                                .multiply(HUNDRED).divide(BigDecimal.valueOf(previous), 1, RoundingMode.HALF_UP));
                    }
                }
            }
            for (MeasureInput.Key key : plan.userKeys()) {
                long active = figures.users().get(key.windowDays()).getOrDefault(account, 0L);
                values.put(key, account, key.input() == MeasureInput.ACTIVE_USERS ? BigDecimal.valueOf(active)
                        : UsageFigures.utilisationPercent(active, seats.getOrDefault(account, 0L)));
            }
            for (MeasureInput.Key key : plan.featureKeys()) {
                values.put(key, account, BigDecimal.valueOf(figures.features().get(key.windowDays()).getOrDefault(account, 0L)));
            }
            for (MeasureInput.Key key : plan.depthKeys()) {
                Set<String> modules = contracted.get(account);
                if (modules != null && !modules.isEmpty()) {
                    UsageFigures.AdoptionDepth depth = UsageFigures.depth(modules,
                            figures.modules().get(key.windowDays()).getOrDefault(account, Set.of()));
                    values.put(key, account, depth.depth().movePointRight(2));
                }
            }
        }
    }

    private final class Reader {

        private final LocalDate asOf;
        private final Set<MeasureInput.Key> keys;
        private final InputValues values;
        private final AccountSet scope;
        /** The accounts asked for: a read of the whole book also returns others, which are left out. */
        private final Collection<Long> ids;

        Reader(LocalDate asOf, Set<MeasureInput.Key> keys, InputValues values, AccountSet scope, Collection<Long> ids) {
            this.asOf = asOf;
            this.keys = keys;
            this.values = values;
            this.scope = scope;
            this.ids = ids;
        }

        private List<MeasureInput.Key> keysOf(MeasureInput... inputs) {
            return keys.stream().filter(k -> List.of(inputs).contains(k.input())).toList();
        }

        private Days window(MeasureInput.Key key) {
            return Days.ending(asOf, key.windowDays());
        }

        void readAll() {
            usage();
            others();
        }

        private void others() {
            surveys();
            relationship();
            tickets();
            invoices();
        }

        private void usage() {
            UsagePlan plan = UsagePlan.of(asOf, keys);
            if (!plan.isEmpty()) {
                putUsage(plan, windows(plan), scope, ids, values);
            }
        }

        /** The plan's figures read from the rollups' windows. */
        private UsagePlan.Figures windows(UsagePlan plan) {
            Set<Long> tracked = new HashSet<>();
            Map<Long, List<UsageFacts.Totals>> totals = plan.dayKeys().isEmpty() ? Map.of() : usage.totals(scope, plan.ranges());
            tracked.addAll(totals.keySet());
            Map<Integer, Map<Long, Long>> users = new HashMap<>();
            plan.userWindows().forEach(w -> users.put(w, usage.activeUsers(scope, Days.ending(asOf, w))));
            users.values().forEach(m -> tracked.addAll(m.keySet()));
            Map<Integer, Map<Long, Long>> features = new HashMap<>();
            plan.featureWindows().forEach(w -> features.put(w, usage.featuresUsed(scope, Days.ending(asOf, w))));
            features.values().forEach(m -> tracked.addAll(m.keySet()));
            Map<Integer, Map<Long, Set<String>>> modules = new HashMap<>();
            plan.depthWindows().forEach(w -> modules.put(w, usage.modulesUsed(scope, Days.ending(asOf, w))));
            modules.values().forEach(m -> tracked.addAll(m.keySet()));
            // Accounts with no usage in any window but usage before: theirs is zero, not missing.
            Set<Long> quiet = new HashSet<>(ids);
            quiet.removeAll(tracked);
            if (!quiet.isEmpty()) {
                tracked.addAll(usage.trackedBy(AccountSet.of(quiet), asOf));
            }
            return new UsagePlan.Figures(totals, users, features, modules, tracked);
        }

        private void surveys() {
            for (MeasureInput.Key key : keysOf(MeasureInput.NPS, MeasureInput.CSAT)) {
                Days window = window(key);
                SurveyKind kind = key.input() == MeasureInput.NPS ? SurveyKind.NPS : SurveyKind.CSAT;
                sentiment.answers(scope, kind, window.from(), window.to())
                        .forEach((account, answers) -> values.put(key, account, SentimentFacts.mean(answers)));
            }
        }

        private void relationship() {
            List<MeasureInput.Key> present = keysOf(MeasureInput.SPONSOR_PRESENT, MeasureInput.CHAMPION_PRESENT);
            List<MeasureInput.Key> gone = keysOf(MeasureInput.SPONSOR_GONE_DAYS);
            if (!present.isEmpty() || !gone.isEmpty()) {
                Map<Long, List<BookFacts.Contact>> contacts = book.contacts(scope,
                        Set.of(StakeholderRole.ECONOMIC_SPONSOR, StakeholderRole.CHAMPION));
                for (long account : ids) {
                    List<BookFacts.Contact> people = contacts.getOrDefault(account, List.of());
                    for (MeasureInput.Key key : present) {
                        StakeholderRole role = key.input() == MeasureInput.SPONSOR_PRESENT ? StakeholderRole.ECONOMIC_SPONSOR
                                : StakeholderRole.CHAMPION;
                        boolean held = people.stream().anyMatch(c -> c.role() == role && c.inPlaceOn(asOf));
                        values.put(key, account, held ? BigDecimal.ONE : BigDecimal.ZERO);
                    }
                    BigDecimal goneDays = sponsorGoneDays(people);
                    gone.forEach(key -> values.put(key, account, goneDays));
                }
            }
            if (!keysOf(MeasureInput.DAYS_SINCE_ENGAGEMENT).isEmpty()) {
                Map<Long, LocalDate> last = book.lastEngagement(scope, asOf);
                for (MeasureInput.Key key : keysOf(MeasureInput.DAYS_SINCE_ENGAGEMENT)) {
                    last.forEach((account, day) -> values.put(key, account, BigDecimal.valueOf(ChronoUnit.DAYS.between(day, asOf))));
                }
            }
        }

        /** 0 while a sponsor is in place; else days since the last one left; null when none was ever recorded. */
        private BigDecimal sponsorGoneDays(List<BookFacts.Contact> people) {
            List<BookFacts.Contact> sponsors = people.stream().filter(c -> c.role() == StakeholderRole.ECONOMIC_SPONSOR).toList();
            if (sponsors.stream().anyMatch(c -> c.inPlaceOn(asOf))) {
                return BigDecimal.ZERO;
            }
            return sponsors.stream().map(BookFacts.Contact::leftOn).filter(d -> d != null && !d.isAfter(asOf))
                    .max(LocalDate::compareTo).map(left -> BigDecimal.valueOf(ChronoUnit.DAYS.between(left, asOf))).orElse(null);
        }

        private void tickets() {
            List<MeasureInput.Key> state = keysOf(MeasureInput.OPEN_TICKETS, MeasureInput.URGENT_OPEN_TICKETS,
                    MeasureInput.OLDEST_OPEN_TICKET_DAYS);
            if (!state.isEmpty()) {
                Map<Long, List<SupportFacts.OpenTicket>> open = support.openOn(scope, asOf);
                for (long account : ids) {
                    List<SupportFacts.OpenTicket> tickets = open.getOrDefault(account, List.of());
                    for (MeasureInput.Key key : state) {
                        long value = switch (key.input()) {
                            case OPEN_TICKETS -> tickets.size();
                            case URGENT_OPEN_TICKETS -> tickets.stream().filter(SupportFacts.OpenTicket::urgent).count();
                            default -> tickets.isEmpty() ? 0 : ChronoUnit.DAYS.between(tickets.get(0).openedOn(), asOf);
                        };
                        values.put(key, account, BigDecimal.valueOf(value));
                    }
                }
            }
            for (MeasureInput.Key key : keysOf(MeasureInput.TICKETS_OPENED)) {
                Days window = window(key);
                Map<Long, Long> raised = support.raised(scope, window.from(), window.to());
                ids.forEach(account -> values.put(key, account, BigDecimal.valueOf(raised.getOrDefault(account, 0L))));
            }
        }

        private void invoices() {
            List<MeasureInput.Key> overdueKeys = keysOf(MeasureInput.DAYS_OVERDUE);
            if (overdueKeys.isEmpty()) {
                return;
            }
            Map<Long, List<BillingFacts.Overdue>> overdue = billing.overdueOn(scope, asOf);
            Set<Long> billed = billing.billedBy(scope, asOf);
            for (long account : ids) {
                if (!billed.contains(account)) {
                    continue;
                }
                List<BillingFacts.Overdue> bills = overdue.getOrDefault(account, List.of());
                long days = bills.isEmpty() ? 0 : bills.get(0).daysOverdue(asOf);
                overdueKeys.forEach(key -> values.put(key, account, BigDecimal.valueOf(days)));
            }
        }
    }
}
