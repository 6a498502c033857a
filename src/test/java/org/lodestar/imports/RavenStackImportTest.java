package org.lodestar.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.accounts.Account;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.LifecycleStage;
import org.lodestar.accounts.Timeline;
import org.lodestar.accounts.TimelineEntry;
import org.lodestar.audit.Actor;
import org.lodestar.usage.Usage;
import org.lodestar.usage.UsageReport;
import org.lodestar.revenue.Subscription;
import org.lodestar.revenue.Subscriptions;
import org.lodestar.support.Satisfaction;
import org.lodestar.support.SupportTickets;
import org.lodestar.support.Ticket;
import org.lodestar.support.TicketPriority;
import org.lodestar.support.TicketStatus;
import org.lodestar.surveys.SurveyKind;
import org.lodestar.surveys.SurveyResponse;
import org.lodestar.surveys.SurveyResponses;
import org.springframework.beans.factory.annotation.Autowired;

/** The RavenStack adapter's policies on a small crafted copy of the data set's format. */
@LodestarTest
class RavenStackImportTest {

    static final Path MINI = Path.of("src/test/resources/ravenstack-mini");

    @Autowired
    Book book;
    @Autowired
    RavenStackImport ravenStack;
    @Autowired
    Accounts accounts;
    @Autowired
    Subscriptions subscriptions;
    @Autowired
    SupportTickets tickets;
    @Autowired
    SurveyResponses surveys;
    @Autowired
    Timeline timeline;

    @BeforeEach
    void setUp() {
        book.empty();
    }

    @Autowired
    Usage usage;

    @Test
    void appliesTheOverlapTrialAndChurnPolicies() {
        List<String> progress = new ArrayList<>();
        RavenStackImport.Report report = ravenStack.run(MINI, Actor.commandLine(), progress::add);
        assertThat(report.committed()).isTrue();
        assertThat(String.join("\n", report.lines()))
                .contains("Accounts: 3 read; 3 created")
                .contains("6 read; 1 free trials skipped")
                .contains("Overlaps: 1 paid subscriptions were still running")
                .contains("Overlaps: 1 paid subscriptions were replaced on the day they started")
                .contains("the data set ends on 2024-11-01; 1 accounts have no running contract then")
                .contains("Churn flags: 1 accounts flagged churned")
                .contains("1 churned by their contracts are not flagged");

        Account upgraded = accounts.findByExternalId("A-000001").orElseThrow();
        List<Subscription> contracts = subscriptions.listForAccount(upgraded.id());
        assertThat(contracts).extracting(Subscription::externalId).containsExactly("S-000003", "S-000001");
        assertThat(contracts.get(1).endDate()).as("the Basic plan ends when Pro starts").isEqualTo(LocalDate.of(2023, 6, 1));
        assertThat(upgraded.arr()).isEqualByComparingTo("7056");
        assertThat(upgraded.stage()).isEqualTo(LifecycleStage.MATURE);

        Account churned = accounts.findByExternalId("A-000002").orElseThrow();
        assertThat(churned.stage()).isEqualTo(LifecycleStage.CHURNED);
        assertThat(churned.arr()).isEqualByComparingTo(BigDecimal.ZERO);

        Account fresh = accounts.findByExternalId("A-000003").orElseThrow();
        assertThat(fresh.stage()).isEqualTo(LifecycleStage.ONBOARDING);
        assertThat(fresh.segment()).isEqualTo("enterprise");

        assertThat(String.join("\n", report.lines()))
                .contains("Support tickets: 4 read; 4 created, 0 updated, 0 unchanged. Decided: priority medium is normal")
                .contains("Satisfaction: 3 tickets carry a satisfaction_score (1-5); each became a CSAT answer dated "
                        + "when the ticket closed (3 created, 0 updated, 0 unchanged)")
                .contains("Churn reasons: 2 churn events written to their accounts' timelines with reason, refund and "
                        + "feedback (2 new, 0 already there); by reason: budget 1, support 1.");
        Ticket urgent = tickets.findByExternalId("T-000001").orElseThrow();
        assertThat(urgent.accountId()).isEqualTo(upgraded.id());
        assertThat(urgent.priority()).isEqualTo(TicketPriority.URGENT);
        assertThat(urgent.status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(urgent.createdAt()).isEqualTo(Instant.parse("2024-10-01T00:00:00Z"));
        assertThat(urgent.solvedAt()).isEqualTo(Instant.parse("2024-10-02T03:00:00Z"));
        assertThat(urgent.satisfaction()).isEqualTo(Satisfaction.GOOD);
        Ticket medium = tickets.findByExternalId("T-000002").orElseThrow();
        assertThat(medium.priority()).isEqualTo(TicketPriority.NORMAL);
        assertThat(medium.escalated()).isTrue();
        assertThat(medium.satisfaction()).as("3 is neither good nor bad").isNull();
        Ticket open = tickets.findByExternalId("T-000004").orElseThrow();
        assertThat(open.status()).as("no closed_at").isEqualTo(TicketStatus.OPEN);
        assertThat(open.satisfaction()).isEqualTo(Satisfaction.BAD);
        SurveyResponse csat = surveys.findByExternalId("T-000001-csat").orElseThrow();
        assertThat(csat.kind()).isEqualTo(SurveyKind.CSAT);
        assertThat(csat.score()).isEqualTo(5);
        assertThat(csat.respondedAt()).isEqualTo(Instant.parse("2024-10-02T03:00:00Z"));
        assertThat(surveys.findByExternalId("T-000003-csat")).as("no score, no answer").isEmpty();

        List<TimelineEntry> churnNotes = timeline.list(churned.id(), 10);
        assertThat(churnNotes).extracting(TimelineEntry::subject).contains("Churn event C-000001: budget");
        assertThat(churnNotes.stream().filter(e -> e.subject().startsWith("Churn event")).findFirst().orElseThrow().body())
                .isEqualTo("Reason: budget. Feedback: \"too expensive\". Refund: 0.00 USD. (RavenStack churn event)");

        RavenStackImport.Report again = ravenStack.run(MINI, Actor.commandLine(), progress::add);
        assertThat(String.join("\n", again.lines())).contains("0 created, 0 updated, 3 unchanged")
                .contains("0 created, 0 updated, 4 unchanged")
                .contains("Support tickets: 4 read; 0 created, 0 updated, 4 unchanged")
                .contains("(0 created, 0 updated, 3 unchanged)")
                .contains("(0 new, 2 already there)");
        assertThat(timeline.list(churned.id(), 10)).hasSameSizeAs(churnNotes);

        // Feature usage: 5 + 2 uses of feature_1 on one day (two rows, one sharing its usage id with a row of
        // another account), 4 of feature_2; 7 of feature_3 on the churned account. Not doubled by the re-run.
        assertThat(String.join("\n", again.lines())).contains("Feature usage: 4 rows read, 18 uses of 3 features on 2 "
                + "accounts, kept as 3 daily counts").contains("1 usage ids appear on more than one row");
        UsageReport used = usage.report(upgraded.id(), LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31));
        assertThat(used.events()).isEqualTo(11);
        assertThat(used.activeUsers()).isZero();
        assertThat(used.features()).extracting(UsageReport.Feature::feature, UsageReport.Feature::events)
                .containsExactly(tuple("feature_1", 7L), tuple("feature_2", 4L));
        assertThat(usage.report(churned.id(), LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31)).events())
                .isEqualTo(7);
    }

    @Test
    void aChurnEventWithoutADateStopsTheImportAndSaysWhere(@org.junit.jupiter.api.io.TempDir Path folder)
            throws java.io.IOException {
        for (String file : new String[] { RavenStackImport.ACCOUNTS, RavenStackImport.SUBSCRIPTIONS,
                RavenStackImport.SUPPORT_TICKETS, RavenStackImport.FEATURE_USAGE }) {
            java.nio.file.Files.copy(MINI.resolve(file), folder.resolve(file));
        }
        java.nio.file.Files.writeString(folder.resolve(RavenStackImport.CHURN_EVENTS), java.nio.file.Files
                .readString(MINI.resolve(RavenStackImport.CHURN_EVENTS)).replace("A-000003,2024-12-01", "A-000003,"));
        RavenStackImport.Report report = ravenStack.run(folder, Actor.commandLine(), line -> { });
        assertThat(report.committed()).isFalse();
        assertThat(report.lines()).contains("  rejected line 3, column churn_date: " + RavenStackImport.CHURN_EVENTS
                + ": required, but empty");
        assertThat(accounts.count()).isZero();
    }

    @Test
    void placesEachContractUntilTheNextOneStarts() {
        var basic = new RavenStackImport.Contract("S-1", "A", LocalDate.of(2024, 1, 1), null, "basic", 5,
                new BigDecimal("1000"), true);
        var pro = new RavenStackImport.Contract("S-2", "A", LocalDate.of(2024, 3, 1), LocalDate.of(2024, 9, 1), "pro",
                5, new BigDecimal("2000"), true);
        var later = new RavenStackImport.Contract("S-3", "A", LocalDate.of(2024, 10, 1), null, "pro", 5,
                new BigDecimal("2500"), true);
        List<RavenStackImport.Placed> placed = RavenStackImport.place(List.of(later, basic, pro));
        assertThat(placed).extracting(p -> p.contract().id(), RavenStackImport.Placed::end,
                RavenStackImport.Placed::superseded).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("S-1", LocalDate.of(2024, 3, 1), true),
                        org.assertj.core.groups.Tuple.tuple("S-2", LocalDate.of(2024, 9, 1), false),
                        org.assertj.core.groups.Tuple.tuple("S-3", null, false));
    }
}
