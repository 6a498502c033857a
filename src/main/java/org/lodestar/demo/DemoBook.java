package org.lodestar.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

import org.lodestar.accounts.AccountFilter;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.ActivityDraft;
import org.lodestar.accounts.StakeholderDraft;
import org.lodestar.accounts.Stakeholders;
import org.lodestar.accounts.Timeline;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.billing.Invoices;
import org.lodestar.people.Users;
import org.lodestar.plans.SuccessPlans;
import org.lodestar.revenue.Renewal;
import org.lodestar.revenue.Renewals;
import org.lodestar.revenue.Subscriptions;
import org.lodestar.usage.EventLog;
import org.lodestar.health.HealthScores;
import org.lodestar.signals.Signals;
import org.lodestar.tasks.Task;
import org.lodestar.tasks.TaskFilter;
import org.lodestar.tasks.TaskStatus;
import org.lodestar.tasks.Tasks;
import org.lodestar.usage.UsageRollups;
import org.lodestar.usage.WriteKeys;
import org.lodestar.support.SupportTickets;
import org.lodestar.surveys.SurveyResponses;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Generates the demo book: a CS team and a believable B2B SaaS customer base with three years of
 * contracts, support tickets, NPS answers and invoices, through the same services a person or an import uses, so everything is validated and
 * audited (as the "demo book generator"). The plan comes from the seed and today's date on the
 * injected clock only, so the same seed on the same day always gives the same book.
 */
@Service
public class DemoBook {

    private static final Actor GENERATOR = Actor.automation("demo book generator");
    /** Report progress after every this many accounts. */
    private static final int PROGRESS_EVERY = 50;
    /** The dice stream of the CSMs' renewal forecasts, apart from the book's plan. */
    private static final long FORECAST_STREAM = 7_001;
    /** Each account's tickets, answers and invoices draw from a stream of their own, after this offset. */
    private static final long SIGNALS_STREAM = 1_000_000;
    /** Each account's product usage draws from a stream of its own, after this offset. */
    private static final long USAGE_STREAM = 2_000_000;
    /** Tracking calls stored at once. */
    private static final int USAGE_CHUNK = 5_000;
    /** The dice stream of each customer's onboarding plan: stream + the customer's number. */
    private static final long PLANS_STREAM = 3_000_000;

    private final Users users;
    private final Accounts accounts;
    private final Stakeholders stakeholders;
    private final Subscriptions subscriptions;
    private final Timeline timeline;
    private final Renewals renewals;
    private final SupportTickets tickets;
    private final SurveyResponses surveys;
    private final Invoices invoices;
    private final WriteKeys writeKeys;
    private final EventLog eventLog;
    private final UsageRollups rollups;
    private final HealthScores health;
    private final Signals signals;
    private final Tasks tasks;
    private final TransactionTemplate transactions;
    /** Days of daily health scores the demo starts with, for trends and "what moved it". */
    private static final int HEALTH_HISTORY_DAYS = 90;
    private final Clock clock;
    private final SuccessPlans plans;
    private final DemoProgress steps;

    DemoBook(Users users, Accounts accounts, Stakeholders stakeholders, Subscriptions subscriptions, Timeline timeline,
            Renewals renewals, SupportTickets tickets, SurveyResponses surveys, Invoices invoices, WriteKeys writeKeys,
            EventLog eventLog, UsageRollups rollups, HealthScores health, Signals signals, Tasks tasks,
            PlatformTransactionManager transactions, Clock clock, SuccessPlans plans, DemoProgress steps) {
        this.plans = plans;
        this.steps = steps;
        this.tasks = tasks;
        this.health = health;
        this.signals = signals;
        this.writeKeys = writeKeys;
        this.eventLog = eventLog;
        this.rollups = rollups;
        this.renewals = renewals;
        this.tickets = tickets;
        this.surveys = surveys;
        this.invoices = invoices;
        this.users = users;
        this.accounts = accounts;
        this.stakeholders = stakeholders;
        this.subscriptions = subscriptions;
        this.timeline = timeline;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Fills an empty book, all in one transaction: either the whole book is written or nothing is; then
     * the CSMs' renewal forecasts.
     * Team members (at {@code @lodestar.demo}) get {@code password}; one who already exists is kept as is.
     *
     * @param progress receives a line at each phase and every 50 accounts; may be null
     * @throws IllegalStateException when the book already has accounts
     */
    public DemoSummary generate(long seed, String password, Consumer<String> progress) {
        Consumer<String> report = progress == null ? line -> { } : progress;
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        steps.begin();
        try {
            return Actors.runAs(GENERATOR, () -> {
                DemoSummary summary = transactions.execute(status -> write(seed, password, today, report));
                // Once the book and its ledger are committed, the renewals carry their real risk.
                Integer forecasts = transactions.execute(status -> recordForecasts(seed, today));
                report.accept("Recorded " + forecasts + " CSM renewal forecasts");
                steps.step(4);
                report.accept("Rolling up product usage ...");
                rollups.drain();
                steps.step(5);
                report.accept("Scoring health for the last " + HEALTH_HISTORY_DAYS + " days ...");
                health.backfill(today.minusDays(HEALTH_HISTORY_DAYS), today.minusDays(1), report,
                        day -> steps.within(day, HEALTH_HISTORY_DAYS));
                steps.step(6);
                var scored = health.recomputeAll(done -> { });
                report.accept("Scored " + scored.accounts() + " accounts today");
                // Today's signals start the plays that fill each CSM's worklist.
                steps.step(7);
                signals.evaluate(null);
                report.accept(signals.openCount() + " signals open today; their plays put the day's work on the worklists");
                steps.step(8);
                report.accept("The CSMs did " + doSomeOfTheWork() + " of those tasks already, with the minutes each took");
                return summary;
            });
        } finally {
            // Done, or failed (the error is the caller's to report): either way nothing is left to wait for.
            steps.ready();
        }
    }

    /**
     * Every third task on a CSM's list is done already, each taking 15 to 65 minutes, so the Team page shows where the
     * time goes from tasks as well as from the activities logged. Picked by id, not drawn from the dice.
     */
    private int doSomeOfTheWork() {
        List<Task> done = tasks.find(new TaskFilter(null, null, null, TaskStatus.OPEN, 1000)).stream()
                .filter(t -> t.ownerEmail() != null && !t.automated() && t.id() % 3 == 0).toList();
        done.forEach(t -> tasks.complete(t.id(), (int) (15 + (t.id() * 7 % 6) * 10)));
        return done.size();
    }

    private DemoSummary write(long seed, String password, LocalDate today, Consumer<String> progress) {
        long existing = accounts.count();
        if (existing > 0) {
            throw new IllegalStateException("The book already has " + existing + " account(s); the demo book is "
                    + "generated only into an empty book. Use a fresh database (another data directory).");
        }
        steps.step(1);
        progress.accept("Planning the demo book (seed " + seed + ", as of " + today + ")");
        List<CustomerPlan> plans = BookPlanner.plan(seed, today);
        progress.accept("Creating the CS team");
        createTeam(password);
        steps.step(2);
        progress.accept("Creating " + plans.size() + " accounts with their contacts, contracts and timelines");
        Tally tally = new Tally();
        tally.writeKey = writeKeys.create("demo product (generated)").key().id();
        for (CustomerPlan plan : plans) {
            write(seed, plan, today, tally);
            steps.within(tally.accounts, plans.size());
            if (tally.accounts % PROGRESS_EVERY == 0 || tally.accounts == plans.size()) {
                progress.accept("  accounts " + tally.accounts + "/" + plans.size());
            }
        }
        // Counting and committing what was written take about as long as the forecasts: one step.
        steps.step(3);
        // The book started empty, so what it holds now is what was written.
        long timelineEntries = timeline.count();
        BigDecimal arr = accounts.list(AccountFilter.all()).totalArr();
        progress.accept("Done: " + tally.subscriptions + " subscriptions, " + tally.stakeholders + " contacts, "
                + timelineEntries + " timeline entries, " + tally.tickets + " tickets, " + tally.surveys
                + " survey answers, " + tally.invoices + " invoices, " + tally.events + " product usage events, ARR today "
                + arr.toPlainString());
        return new DemoSummary(tally.accounts, tally.stakeholders, tally.subscriptions, timelineEntries, arr,
                CsTeam.csms().size());
    }

    /**
     * The CSMs' forecasts for the renewals of the last year and the next quarter, each made 60 days
     * before its date: mostly close to what happened, sometimes surprised by a churn or an expansion.
     */
    private int recordForecasts(long seed, LocalDate today) {
        Dice dice = Dice.of(seed, FORECAST_STREAM);
        int recorded = 0;
        for (Renewal renewal : renewals.between(today.minusYears(1), today.plusDays(90), null)) {
            BigDecimal due = renewal.arrDue();
            BigDecimal expected = renewal.outcomeArr() != null ? renewal.outcomeArr() : renewal.forecastArr();
            boolean surprised = dice.chance(0.2);
            BigDecimal call = surprised ? due : expected;
            BigDecimal forecast = call.multiply(BigDecimal.valueOf(dice.uniform(0.9, 1.05)))
                    .setScale(0, java.math.RoundingMode.HALF_EVEN).setScale(2);
            java.time.Instant madeAt = renewal.renewalDate().minusDays(60).atStartOfDay(ZoneOffset.UTC).toInstant();
            renewals.recordForecast(renewal.subscriptionId(), forecast, surprised ? null : "from the last check-in",
                    madeAt.isAfter(clock.instant()) ? clock.instant() : madeAt);
            recorded++;
        }
        return recorded;
    }

    private int createTeam(String password) {
        int created = 0;
        for (CsTeam.Member member : CsTeam.MEMBERS) {
            if (users.findByEmail(member.email()).isEmpty()) {
                users.create(member.email(), member.name(), member.role(), password);
                created++;
            }
        }
        return created;
    }

    /** One account with its contacts, its contracts in order, its timeline, tickets, survey answers and invoices. */
    private void write(long seed, CustomerPlan plan, LocalDate today, Tally tally) {
        long id = accounts.create(plan.accountDraft()).id();
        for (StakeholderDraft contact : plan.contacts()) {
            stakeholders.add(id, contact);
        }
        for (ContractPlan contract : plan.history().contracts()) {
            subscriptions.create(id, contract.draft());
        }
        // The account's CSM logged its activities, so their time counts as theirs; an unowned account's are the generator's.
        Actor author = plan.owner() == null ? Actors.current() : Actor.user(plan.owner());
        for (ActivityDraft activity : plan.activities()) {
            Actors.runAs(author, () -> timeline.log(id, activity));
        }
        CustomerSignals.Signals signals = CustomerSignals.plan(Dice.of(seed, SIGNALS_STREAM + plan.number()), plan,
                today);
        signals.tickets().forEach(ticket -> tickets.create(id, ticket));
        signals.surveys().forEach(answer -> surveys.create(id, answer));
        signals.invoices().forEach(invoice -> invoices.create(id, invoice));
        ProductUsage.Plan usage = ProductUsage.plan(Dice.of(seed, USAGE_STREAM + plan.number()), plan, today);
        for (int from = 0; from < usage.calls().size(); from += USAGE_CHUNK) {
            eventLog.append(tally.writeKey, usage.calls().subList(from, Math.min(from + USAGE_CHUNK,
                    usage.calls().size())), clock.instant());
        }
        tally.milestonesDone += OnboardingHistory.write(plans, Dice.of(seed, PLANS_STREAM + plan.number()), plan, id, today);
        tally.events += usage.calls().size();
        tally.tickets += signals.tickets().size();
        tally.surveys += signals.surveys().size();
        tally.invoices += signals.invoices().size();
        tally.accounts++;
        tally.stakeholders += plan.contacts().size();
        tally.subscriptions += plan.history().contracts().size();
    }

    /** Running counts while the book is written. */
    private static final class Tally {
        long writeKey;
        long events;
        int accounts;
        int stakeholders;
        int subscriptions;
        int tickets;
        int surveys;
        int invoices;
        int milestonesDone;
    }
}
