package org.lodestar.reviews.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.AccountSet;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.Stakeholder;
import org.lodestar.accounts.StakeholderRole;
import org.lodestar.accounts.Stakeholders;
import org.lodestar.errors.InvalidInput;
import org.lodestar.health.HealthReports;
import org.lodestar.infrastructure.Money;
import org.lodestar.plans.Milestone;
import org.lodestar.plans.MilestoneStatus;
import org.lodestar.plans.Outcome;
import org.lodestar.plans.OwnerSide;
import org.lodestar.plans.SuccessPlan;
import org.lodestar.plans.SuccessPlans;
import org.lodestar.revenue.ArrLedger;
import org.lodestar.revenue.ArrMovement;
import org.lodestar.revenue.ContractFacts;
import org.lodestar.revenue.MovementKind;
import org.lodestar.reviews.Quarter;
import org.lodestar.reviews.ReviewKind;
import org.lodestar.reviews.ReviewPack;
import org.lodestar.signals.Signal;
import org.lodestar.signals.Signals;
import org.lodestar.support.SupportFacts;
import org.lodestar.support.SupportTickets;
import org.lodestar.support.Ticket;
import org.lodestar.support.TicketPriority;
import org.lodestar.usage.Usage;
import org.lodestar.usage.UsageFacts;
import org.lodestar.usage.UsageReport;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads an account's quarter from the other modules' public APIs into a {@link ReviewPack} (with the narrative a draft
 * starts from, and no stated figures). Totals are read apart from their parts where the data allows (tickets opened
 * counted by support, modules contracted by revenue) so that the cross-check compares two readings.
 */
@Component
public class PackAssembler {

    /** The multi-year view shows at most this many years and quarters. */
    static final int YEARS = 6;
    static final int HEALTH_QUARTERS = 8;
    private static final Pattern EXECUTIVE = Pattern.compile(
            "(?i)\\b(chief|ceo|cfo|cto|coo|cio|cro|vp|svp|evp|vice president|president|head of|director)\\b");

    private final Accounts accounts;
    private final Stakeholders stakeholders;
    private final SuccessPlans plans;
    private final HealthReports health;
    private final Usage usage;
    private final UsageFacts usageFacts;
    private final ContractFacts contracts;
    private final ArrLedger ledger;
    private final SupportTickets tickets;
    private final SupportFacts supportFacts;
    private final Signals signals;
    private final Money money;
    private final Clock clock;

    PackAssembler(Accounts accounts, Stakeholders stakeholders, SuccessPlans plans, HealthReports health, Usage usage,
            UsageFacts usageFacts, ContractFacts contracts, ArrLedger ledger, SupportTickets tickets,
            SupportFacts supportFacts, Signals signals, Money money, Clock clock) {
        this.accounts = accounts;
        this.stakeholders = stakeholders;
        this.plans = plans;
        this.health = health;
        this.usage = usage;
        this.usageFacts = usageFacts;
        this.contracts = contracts;
        this.ledger = ledger;
        this.tickets = tickets;
        this.supportFacts = supportFacts;
        this.signals = signals;
        this.money = money;
        this.clock = clock;
    }

    /** Today (UTC): a review covers a quarter up to its last day or up to today while it runs. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Refuses a quarter that has not started yet. */
    public void checkStarted(Quarter quarter) {
        LocalDate today = today();
        if (quarter.first().isAfter(today)) {
            throw new InvalidInput("quarter", "expected a quarter that has started (up to " + Quarter.of(today)
                    + "), got " + quarter);
        }
    }

    @Transactional(readOnly = true)
    public ReviewPack assemble(long accountId, ReviewKind kind, Quarter quarter) {
        Account account = accounts.get(accountId);
        checkStarted(quarter);
        LocalDate today = today();
        LocalDate asOf = quarter.last().isAfter(today) ? today : quarter.last();
        AccountSet one = AccountSet.of(List.of(accountId));
        List<SuccessPlan> accountPlans = plans.listForAccount(accountId);
        ReviewPack.PlanValue plan = plan(accountPlans, quarter, asOf);
        ReviewPack.Trends trends = trends(accountId, quarter, asOf);
        ReviewPack.Adoption adoption = adoption(one, accountId, quarter, asOf);
        ReviewPack.SupportSummary support = support(one, accountId, quarter, asOf);
        List<ArrMovement> movements = ledger.forAccount(accountId);
        ReviewPack.ArrBridge arr = bridge(movements, quarter.first(), asOf);
        ContractFacts.Renewal next = contracts.nextRenewal(one, asOf).get(accountId);
        ReviewPack.RenewalAhead renewal = next == null ? null
                : new ReviewPack.RenewalAhead(next.subscription(), next.date(), next.arr());
        List<ReviewPack.Risk> risks = risks(accountId, quarter, asOf);
        ReviewPack.LongView longView = null;
        List<ReviewPack.Sponsor> sponsors = List.of();
        if (kind == ReviewKind.EBR) {
            longView = new ReviewPack.LongView(years(movements, quarter, asOf), healthByQuarter(accountId, quarter, asOf));
            sponsors = sponsors(accountId);
        }
        ReviewPack pack = new ReviewPack(account.name(), account.externalId(),
                account.owner() == null ? null : account.owner().name(), kind, quarter, asOf, null, plan, trends, adoption,
                support, arr, renewal, risks, List.of(), longView, sponsors);
        return pack.withDraft(narrative(pack, accountPlans, quarter), List.of());
    }

    private static LocalDate dayOf(Instant instant) {
        return instant == null ? null : LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    static ReviewPack.PlanValue plan(List<SuccessPlan> accountPlans, Quarter quarter, LocalDate asOf) {
        List<ReviewPack.MilestoneLine> done = new ArrayList<>();
        List<ReviewPack.MilestoneLine> open = new ArrayList<>();
        int planned = 0;
        for (SuccessPlan p : accountPlans) {
            for (Outcome outcome : p.outcomes()) {
                for (Milestone m : outcome.milestones()) {
                    planned++;
                    LocalDate completed = dayOf(m.completedAt());
                    if (m.status() == MilestoneStatus.DONE && completed != null && !completed.isAfter(asOf)) {
                        done.add(new ReviewPack.MilestoneLine(m.title(), outcome.title(), m.dueOn(), completed, m.evidence(),
                                !completed.isBefore(quarter.first())));
                    } else {
                        open.add(new ReviewPack.MilestoneLine(m.title(), outcome.title(), m.dueOn(), null, null, false));
                    }
                }
            }
        }
        done.sort(Comparator.comparing(ReviewPack.MilestoneLine::thisQuarter).reversed()
                .thenComparing(ReviewPack.MilestoneLine::completedOn, Comparator.reverseOrder()));
        open.sort(Comparator.comparing(ReviewPack.MilestoneLine::dueOn));
        int doneCount = (int) accountPlans.stream().flatMap(p -> p.milestones().stream())
                .filter(m -> m.status() == MilestoneStatus.DONE && m.completedAt() != null && !dayOf(m.completedAt()).isAfter(asOf))
                .count();
        int openCount = (int) accountPlans.stream().flatMap(p -> p.milestones().stream())
                .filter(m -> m.status() != MilestoneStatus.DONE || m.completedAt() == null || dayOf(m.completedAt()).isAfter(asOf))
                .count();
        return new ReviewPack.PlanValue(planned, doneCount, openCount, List.copyOf(done), List.copyOf(open));
    }

    /** Health by day and usage by week over the quarter and the three before it. */
    private ReviewPack.Trends trends(long accountId, Quarter quarter, LocalDate asOf) {
        LocalDate from = quarter.previous().previous().previous().first();
        List<ReviewPack.HealthPoint> scores = health.history(accountId, from, asOf).stream().filter(d -> d.score() != null)
                .map(d -> new ReviewPack.HealthPoint(d.day(), d.score())).toList();
        UsageReport report = usage.report(accountId, from, asOf);
        Map<LocalDate, long[]> weeks = new TreeMap<>();
        for (UsageReport.Day day : report.days()) {
            long[] week = weeks.computeIfAbsent(day.day().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                    d -> new long[2]);
            week[0] += day.events();
            week[1] += day.activeUsers();
        }
        List<ReviewPack.UsageWeek> usageWeeks = new ArrayList<>();
        weeks.forEach((week, sums) -> usageWeeks.add(new ReviewPack.UsageWeek(week, sums[0],
                BigDecimal.valueOf(sums[1]).divide(BigDecimal.valueOf(7), 1, RoundingMode.HALF_UP))));
        return new ReviewPack.Trends(scores, List.copyOf(usageWeeks));
    }

    private ReviewPack.Adoption adoption(AccountSet one, long accountId, Quarter quarter, LocalDate asOf) {
        Set<String> contracted = contracts.modules(one, asOf).getOrDefault(accountId, Set.of());
        Set<String> used = usageFacts.modulesUsed(one, new UsageFacts.Days(quarter.first(), asOf))
                .getOrDefault(accountId, Set.of());
        Set<String> inUse = new TreeSet<>(used);
        inUse.retainAll(contracted);
        Set<String> unused = new TreeSet<>(contracted);
        unused.removeAll(used);
        Set<String> beyond = new TreeSet<>(used);
        beyond.removeAll(contracted);
        return new ReviewPack.Adoption(contracted.size(), List.copyOf(inUse), List.copyOf(unused), List.copyOf(beyond));
    }

    private ReviewPack.SupportSummary support(AccountSet one, long accountId, Quarter quarter, LocalDate asOf) {
        long opened = supportFacts.raised(one, quarter.first(), asOf).getOrDefault(accountId, 0L);
        Instant from = quarter.first().atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant until = asOf.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        List<Ticket> raised = tickets.listForAccount(accountId).stream()
                .filter(t -> !t.createdAt().isBefore(from) && t.createdAt().isBefore(until)).toList();
        Map<TicketPriority, Long> byPriority = new EnumMap<>(TicketPriority.class);
        raised.forEach(t -> byPriority.merge(t.priority(), 1L, Long::sum));
        List<ReviewPack.PriorityCount> counts = new ArrayList<>();
        for (TicketPriority priority : List.of(TicketPriority.URGENT, TicketPriority.HIGH, TicketPriority.NORMAL,
                TicketPriority.LOW)) {
            counts.add(new ReviewPack.PriorityCount(priority.label(), byPriority.getOrDefault(priority, 0L)));
        }
        long solved = raised.stream().filter(t -> !t.unresolved() && (t.solvedAt() == null || t.solvedAt().isBefore(until)))
                .count();
        long escalated = raised.stream().filter(Ticket::escalated).count();
        long openAtEnd = supportFacts.openOn(one, asOf).getOrDefault(accountId, List.of()).size();
        return new ReviewPack.SupportSummary(opened, List.copyOf(counts), solved, escalated, openAtEnd);
    }

    /** The ledger's bridge over the days from {@code first} to {@code last}. */
    static ReviewPack.ArrBridge bridge(List<ArrMovement> movements, LocalDate first, LocalDate last) {
        BigDecimal start = BigDecimal.ZERO;
        BigDecimal end = BigDecimal.ZERO;
        Map<MovementKind, BigDecimal> byKind = new EnumMap<>(MovementKind.class);
        for (ArrMovement m : movements) {
            if (m.effectiveDate().isBefore(first)) {
                start = start.add(m.amount());
            }
            if (!m.effectiveDate().isAfter(last)) {
                end = end.add(m.amount());
                if (!m.effectiveDate().isBefore(first)) {
                    byKind.merge(m.kind(), m.amount(), BigDecimal::add);
                }
            }
        }
        return new ReviewPack.ArrBridge(start, byKind.getOrDefault(MovementKind.NEW, BigDecimal.ZERO),
                byKind.getOrDefault(MovementKind.EXPANSION, BigDecimal.ZERO),
                byKind.getOrDefault(MovementKind.REACTIVATION, BigDecimal.ZERO),
                byKind.getOrDefault(MovementKind.CONTRACTION, BigDecimal.ZERO).negate(),
                byKind.getOrDefault(MovementKind.CHURN, BigDecimal.ZERO).negate(), end);
    }

    /** Signals open at any time in the quarter: fired by its end, not resolved before its start. Most severe first. */
    private List<ReviewPack.Risk> risks(long accountId, Quarter quarter, LocalDate asOf) {
        Instant from = quarter.first().atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant until = asOf.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return signals.find(accountId, null, null, 500).stream()
                .filter(s -> s.firedAt().isBefore(until) && (s.resolvedAt() == null || !s.resolvedAt().isBefore(from)))
                .sorted(Comparator.comparing((Signal s) -> s.severity().ordinal())
                        .thenComparing(Signal::firedAt, Comparator.reverseOrder()))
                .map(s -> new ReviewPack.Risk(s.severity().label(), s.summary(), dayOf(s.firedAt()))).toList();
    }

    /** ARR at each year's end (the quarter's end for its own year), the last {@link #YEARS} years with any ARR. */
    static List<ReviewPack.YearArr> years(List<ArrMovement> movements, Quarter quarter, LocalDate asOf) {
        if (movements.isEmpty()) {
            return List.of();
        }
        int firstYear = Math.max(movements.getFirst().effectiveDate().getYear(), quarter.year() - YEARS + 1);
        List<ReviewPack.YearArr> years = new ArrayList<>();
        for (int year = firstYear; year <= quarter.year(); year++) {
            LocalDate last = year == quarter.year() ? asOf : LocalDate.of(year, 12, 31);
            ReviewPack.ArrBridge bridge = bridge(movements, LocalDate.of(year, 1, 1), last);
            years.add(new ReviewPack.YearArr(year, bridge.start(), bridge.end().subtract(bridge.start()), bridge.end()));
        }
        return years;
    }

    private List<ReviewPack.QuarterHealth> healthByQuarter(long accountId, Quarter quarter, LocalDate asOf) {
        Quarter first = quarter;
        for (int i = 1; i < HEALTH_QUARTERS; i++) {
            first = first.previous();
        }
        Map<Quarter, List<BigDecimal>> scores = new TreeMap<>();
        health.history(accountId, first.first(), asOf).stream().filter(d -> d.score() != null)
                .forEach(d -> scores.computeIfAbsent(Quarter.of(d.day()), q -> new ArrayList<>()).add(d.score()));
        List<ReviewPack.QuarterHealth> byQuarter = new ArrayList<>();
        for (Quarter q = first; q.compareTo(quarter) <= 0; q = q.next()) {
            List<BigDecimal> in = scores.get(q);
            byQuarter.add(new ReviewPack.QuarterHealth(q.label(), in == null ? null
                    : in.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(in.size()), 1,
                            RoundingMode.HALF_UP)));
        }
        return byQuarter;
    }

    /** Economic sponsors, then contacts whose title is an executive's; those who left last. */
    private List<ReviewPack.Sponsor> sponsors(long accountId) {
        return stakeholders.list(accountId).stream()
                .filter(s -> s.role() == StakeholderRole.ECONOMIC_SPONSOR || s.title() != null && EXECUTIVE.matcher(s.title()).find())
                .sorted(Comparator.comparing((Stakeholder s) -> s.leftOn() != null)
                        .thenComparing(s -> s.role() != StakeholderRole.ECONOMIC_SPONSOR).thenComparing(Stakeholder::name))
                .map(s -> new ReviewPack.Sponsor(s.name(), s.title(), s.role().label().replace('-', ' '), s.leftOn()))
                .toList();
    }

    private String amount(BigDecimal value) {
        return value.stripTrailingZeros().scale() > 0 ? money.exact(value) : money.whole(value);
    }

    /** The words a draft starts from, written from the data; the CSM edits them. */
    private ReviewPack.Narrative narrative(ReviewPack pack, List<SuccessPlan> accountPlans, Quarter quarter) {
        long doneInQuarter = pack.plan().done().stream().filter(ReviewPack.MilestoneLine::thisQuarter).count();
        StringBuilder summary = new StringBuilder();
        summary.append(pack.accountName()).append(" completed ").append(doneInQuarter).append(doneInQuarter == 1 ? " plan milestone"
                : " plan milestones").append(" in ").append(quarter.label()).append(" (").append(pack.plan().doneCount())
                .append(" of ").append(pack.plan().planned()).append(" overall). ");
        summary.append("ARR went from ").append(amount(pack.arr().start())).append(" to ")
                .append(amount(pack.arr().end())).append('.');
        if (pack.renewal() != null) {
            summary.append(" Next renewal on ").append(pack.renewal().date()).append(" for ")
                    .append(amount(pack.renewal().arrDue())).append('.');
        }
        List<ReviewPack.HealthPoint> scores = pack.trends().health();
        if (!scores.isEmpty()) {
            summary.append(" Health score ").append(scores.getLast().score().toPlainString()).append('.');
        }
        LocalDate asOf = pack.asOf();
        StringBuilder customer = new StringBuilder();
        StringBuilder ours = new StringBuilder();
        StringBuilder goals = new StringBuilder();
        Quarter next = quarter.next();
        for (SuccessPlan p : accountPlans) {
            for (Milestone m : p.milestones()) {
                if (m.status() == MilestoneStatus.DONE && m.completedAt() != null && !dayOf(m.completedAt()).isAfter(asOf)) {
                    continue;
                }
                String line = "- " + m.title() + " (due " + m.dueOn() + ")\n";
                (m.ownerSide() == OwnerSide.CUSTOMER ? customer : ours).append(line);
                if (!m.dueOn().isAfter(next.last())) {
                    goals.append("- ").append(m.title()).append('\n');
                }
            }
        }
        return new ReviewPack.Narrative(summary.toString().strip(), customer.toString().strip(), ours.toString().strip(),
                goals.toString().strip());
    }
}
