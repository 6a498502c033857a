package org.lodestar.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lodestar.plans.TimeToValue;
import org.lodestar.plans.TimeToValues;
import org.lodestar.LodestarTest;
import org.lodestar.accounts.Account;
import org.lodestar.accounts.AccountFilter;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.LifecycleStage;
import org.lodestar.revenue.IndependentRetention;
import org.lodestar.revenue.RetentionFigures;
import org.lodestar.revenue.RetentionReport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The generated demo book looks like a real company, adds up, and is the same for the same seed. */
@Tag("slow")
@LodestarTest
class DemoBookTest {

    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IndependentRetention independent;
    @Autowired
    Clock clock;
    @Autowired
    org.lodestar.billing.Invoices invoices;
    @Autowired
    org.lodestar.usage.Usage usage;
    @Autowired
    TimeToValues timeToValues;
    /** The seed-42 book, shared with the other tests that read it (a generation takes half a minute or more). */
    @Autowired
    SeededDemoBook seeded;

    /** The application's today, as the demo book and the accounts' ARR see it. */
    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private List<Account> all() {
        return accounts.list(new AccountFilter(null, null, null, null, null, null, null, "id", 0, AccountFilter.MAX_SIZE)).accounts();
    }

    @Test
    void generatesARealisticBookThatAddsUp() {
        DemoSummary summary = seeded.get();
        List<Account> book = all();
        assertThat(book).hasSizeGreaterThanOrEqualTo(300).hasSize(summary.accounts());

        Map<String, Long> bySegment = book.stream().collect(Collectors.groupingBy(Account::segment, Collectors.counting()));
        assertThat(bySegment.get("enterprise")).isBetween(15L, 60L);
        assertThat(bySegment.get("mid-market")).isBetween(60L, 160L);
        assertThat(bySegment.get("smb")).isGreaterThan(150L);

        BigDecimal accountArr = book.stream().map(Account::arr).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal lineItemArr = jdbc.sql("""
                select coalesce(sum(arr), 0) from line_item where start_date <= ?
                and (end_date is null or end_date > ?)""").params(today(), today()).query(BigDecimal.class).single();
        assertThat(accountArr).as("the accounts' ARR is the sum of their running line items")
                .isEqualByComparingTo(lineItemArr).isEqualByComparingTo(summary.currentArr());

        assertThat(book.stream().filter(a -> a.stage() == LifecycleStage.CHURNED)).isNotEmpty()
                .allMatch(a -> a.arr().signum() == 0);
        assertThat(book.stream().filter(a -> a.parent() != null)).isNotEmpty();
        assertThat(book.stream().filter(a -> a.owner() == null)).isNotEmpty();
        assertThat(jdbc.sql("select count(*) from stakeholder where status = 'LEFT' and role in ('ECONOMIC_SPONSOR', 'CHAMPION')")
                .query(Long.class).single()).isGreaterThan(10);
        assertThat(jdbc.sql("select count(distinct account_id) from subscription").query(Long.class).single())
                .isEqualTo(book.size());
        assertThat(jdbc.sql("select count(*) from account where renewal_date <= ?").param(today().plusDays(180)).query(Long.class)
                .single()).as("renewals ahead").isGreaterThan(30);
        assertThat(jdbc.sql("select count(*) from audit_event where actor_name = 'demo book generator'")
                .query(Long.class).single()).isPositive();

        long ticketCount = count("select count(*) from support_ticket");
        long answerCount = count("select count(*) from survey_response");
        long invoiceCount = count("select count(*) from invoice");
        // Generated again into an emptied book, the same seed gives the same book.
        DemoSummary again = seeded.regenerate();
        assertThat(count("select count(*) from support_ticket")).isEqualTo(ticketCount);
        assertThat(count("select count(*) from survey_response")).isEqualTo(answerCount);
        assertThat(count("select count(*) from invoice")).isEqualTo(invoiceCount);
        assertThat(again.accounts()).isEqualTo(summary.accounts());
        assertThat(again.subscriptions()).isEqualTo(summary.subscriptions());
        assertThat(again.currentArr()).isEqualByComparingTo(summary.currentArr());
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void customersFileTicketsAnswerSurveysAndSomePayLate() {
        seeded.get();
        assertThat(count("select count(*) from support_ticket")).isGreaterThan(300);
        assertThat(count("select count(*) from support_ticket where priority = 'URGENT' and status in ('OPEN', 'PENDING')"))
                .as("urgent and unresolved tickets").isGreaterThan(5);
        assertThat(count("select count(*) from support_ticket where status = 'SOLVED' and solved_at < created_at")).isZero();
        assertThat(count("select count(*) from survey_response where kind = 'NPS' and score >= 9")).as("promoters")
                .isGreaterThan(50);
        assertThat(count("select count(*) from survey_response where kind = 'NPS' and score <= 6")).as("detractors")
                .isGreaterThan(30);
        assertThat(count("select count(*) from survey_response where kind = 'CSAT'")).isPositive();

        // Customers heading out are unhappier and pay later than the rest.
        double churnedDetractors = share("""
                select count(case when s.score <= 6 then 1 end), count(*) from survey_response s
                join account a on a.id = s.account_id where s.kind = 'NPS' and a.lifecycle_stage = 'CHURNED'""");
        double activeDetractors = share("""
                select count(case when s.score <= 6 then 1 end), count(*) from survey_response s
                join account a on a.id = s.account_id where s.kind = 'NPS' and a.lifecycle_stage <> 'CHURNED'""");
        assertThat(churnedDetractors).isGreaterThan(activeDetractors + 0.2);

        List<org.lodestar.billing.Invoice> overdue = invoices.find(
                new org.lodestar.billing.InvoiceFilter(null, null, true, 1000));
        assertThat(overdue).as("late invoices").hasSizeGreaterThan(10);
        LocalDate today = today();
        assertThat(overdue).allSatisfy(i -> assertThat(i.daysOverdue())
                .isEqualTo((int) java.time.temporal.ChronoUnit.DAYS.between(i.dueOn(), today)));
        assertThat(count("select count(*) from invoice where status = 'UNCOLLECTIBLE'")).as("churned, never paid")
                .isPositive();
        assertThat(count("select count(*) from invoice where issued_on > current_date + 1")).isZero();
    }

    @Test
    void productUsageShowsGrowingFadingAndOverUsedAccountsAndItsRollupsMatchTheEvents() {
        seeded.get();
        assertThat(count("select count(*) from tracked_event")).isGreaterThan(100_000);
        assertThat(count("select count(*) from ingest_batch")).as("all rolled up").isZero();
        List<java.util.Map<String, Object>> direct = jdbc.sql("""
                select account_id, on_date, count(*) as events, count(distinct user_key) as users from tracked_event
                group by account_id, on_date order by account_id, on_date""").query().listOfRows();
        List<java.util.Map<String, Object>> rolled = jdbc.sql("""
                select account_id, on_date, events, active_users as users from usage_day
                order by account_id, on_date""").query().listOfRows();
        assertThat(rolled.toString()).isEqualTo(direct.toString());

        List<org.lodestar.usage.UsageReport> reports = all().stream().map(a -> usage.report(a.id(), null, null)).toList();
        assertThat(reports.stream().filter(r -> r.utilisation() != null && r.utilisation().doubleValue() > 1))
                .as("accounts using more seats than they pay for").hasSizeGreaterThan(3);
        assertThat(reports.stream().filter(r -> change(r) != null && change(r) <= -25)).as("fading").hasSizeGreaterThan(10);
        assertThat(reports.stream().filter(r -> change(r) != null && change(r) >= 15)).as("growing").hasSizeGreaterThan(10);
        // Churned customers use nothing from the day their last contract ended.
        assertThat(count("""
                select count(*) from tracked_event e join account a on a.id = e.account_id
                where a.lifecycle_stage = 'CHURNED'
                  and e.on_date >= (select max(s.end_date) from subscription s where s.account_id = a.id)""")).isZero();
        assertThat(count("""
                select count(distinct e.account_id) from tracked_event e join account a on a.id = e.account_id
                where a.lifecycle_stage = 'CHURNED'""")).as("customers who left within the window used it before")
                .isPositive();
    }

    /** The 60-day change of events, in percent. */
    private static Double change(org.lodestar.usage.UsageReport report) {
        return report.trends().stream().filter(t -> t.days() == 60 && t.measure().equals("events")).findFirst()
                .map(t -> t.changePercent() == null ? null : t.changePercent().doubleValue()).orElse(null);
    }

    private double share(String sql) {
        return jdbc.sql(sql).query((rs, n) -> rs.getDouble(1) / Math.max(1, rs.getLong(2))).single();
    }

    @Test
    void theRevenueHistoryGivesBelievableRetentionThatReconciles() {
        seeded.get();
        LocalDate today = today();
        LocalDate to = today.withDayOfMonth(1).minusDays(1);
        LocalDate from = to.plusDays(1).minusYears(1);

        RetentionReport year = independent.assertAgrees(from, to);

        RetentionFigures total = year.total();
        System.out.println("Demo book " + from + " to " + to + ": " + total);
        year.groups().forEach(g -> System.out.println("  " + g));
        assertThat(total.grr()).isBetween(new BigDecimal("0.85"), new BigDecimal("0.95"));
        assertThat(total.nrr()).isBetween(new BigDecimal("0.95"), new BigDecimal("1.20"));
        assertThat(year.groups()).extracting(RetentionFigures::group).containsExactly("enterprise", "mid-market", "smb");
        assertThat(year.groups().stream().map(RetentionFigures::nrr).distinct()).as("segments differ").hasSize(3);
        assertThat(total.newArr()).isPositive();
        assertThat(total.expansion()).isPositive();
        assertThat(total.startingArr().add(total.movements().net())).isEqualByComparingTo(total.closingArr());
    }

    @Test
    void onboardingPlansGiveATimeToValueHistoryThatDiffersBySegment() {
        seeded.get();
        TimeToValues.Report report = timeToValues.report(null, false);
        assertThat(report.all().reached()).as("accounts that reached value").isGreaterThan(50);
        assertThat(report.all().open()).as("still open, stalled onboardings among them").isGreaterThan(5);
        assertThat(report.byCohort()).as("start cohorts").hasSizeGreaterThanOrEqualTo(12);
        Map<String, Integer> medians = new HashMap<>();
        report.bySegment().forEach(g -> medians.put(g.key(), g.medianDays()));
        // The demo's targets: SMB 2 to 6 weeks, mid-market 3 to 10, enterprise 6 to 14.
        assertThat(medians.get("smb")).isBetween(14, 42).isLessThan(medians.get("mid-market"));
        assertThat(medians.get("mid-market")).isLessThan(medians.get("enterprise"));
        assertThat(report.longestOpen()).extracting(TimeToValue.Row::days).isSortedAccordingTo((a, b) -> b - a);
    }
}
