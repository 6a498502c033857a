package org.lodestar.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.audit.Actor;
import org.lodestar.audit.AuditLog;
import org.lodestar.billing.Invoice;
import org.lodestar.billing.InvoiceStatus;
import org.lodestar.billing.Invoices;
import org.lodestar.support.SupportTickets;
import org.lodestar.support.Ticket;
import org.lodestar.support.TicketPriority;
import org.lodestar.support.TicketStatus;
import org.lodestar.surveys.SurveyResponses;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * Tickets, survey answers and invoices from Lodestar CSV, Zendesk and Stripe JSON: the documented
 * examples and the outside fixtures import, a bad record stops the file (or, with partial, only
 * itself), re-imports change nothing.
 */
@LodestarTest
class SignalImportsTest {

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    CsvImports imports;
    @Autowired
    AuditLog audit;
    @Autowired
    SupportTickets tickets;
    @Autowired
    SurveyResponses surveys;
    @Autowired
    Invoices invoices;
    @Autowired
    Clock clock;
    ApiClient api;

    @BeforeEach
    void setUp() throws IOException {
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        assertThat(run(ImportKind.ACCOUNTS, CsvImportTest.example("accounts.csv"), false).created()).isEqualTo(4);
    }

    private ImportReport run(ImportKind kind, byte[] content, boolean partial) {
        return imports.run(kind, content, kind.label() + (kind.json() ? ".json" : ".csv"), partial, Actor.commandLine());
    }

    private ImportReport run(ImportKind kind, String content, boolean partial) {
        return run(kind, content.getBytes(StandardCharsets.UTF_8), partial);
    }

    private long account(String externalId) {
        return api.get("/api/accounts?q=" + externalId).json().get("accounts").get(0).get("id").asLong();
    }

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(Path.of("src/test/resources/formats", name));
    }

    @Test
    void theDocumentedExamplesImportAndReimportChangesNothing() throws IOException {
        ImportReport ticketReport = run(ImportKind.TICKETS, CsvImportTest.example("tickets.csv"), false);
        assertThat(ticketReport.rejected()).isEmpty();
        assertThat(ticketReport.created()).isEqualTo(4);
        ImportReport surveyReport = run(ImportKind.SURVEYS, CsvImportTest.example("surveys.csv"), false);
        assertThat(surveyReport.rejected()).isEmpty();
        assertThat(surveyReport.created()).isEqualTo(4);
        ImportReport invoiceReport = run(ImportKind.INVOICES, CsvImportTest.example("invoices.csv"), false);
        assertThat(invoiceReport.rejected()).isEmpty();
        assertThat(invoiceReport.created()).isEqualTo(4);
        ImportReport zendesk = run(ImportKind.ZENDESK_TICKETS, CsvImportTest.example("zendesk-tickets.json"), false);
        assertThat(zendesk.rejected()).isEmpty();
        assertThat(zendesk.created()).isEqualTo(3);
        ImportReport stripe = run(ImportKind.STRIPE_INVOICES, CsvImportTest.example("stripe-invoices.json"), false);
        assertThat(stripe.rejected()).isEmpty();
        assertThat(stripe.created()).isEqualTo(2);

        Ticket sso = tickets.findByExternalId("TCK-5001").orElseThrow();
        assertThat(sso.priority()).isEqualTo(TicketPriority.URGENT);
        assertThat(sso.escalated()).isTrue();
        assertThat(sso.createdAt()).isEqualTo(Instant.parse("2026-10-02T08:15:00Z"));
        assertThat(sso.source()).isEqualTo("csv");
        assertThat(tickets.findByExternalId("TCK-5002").orElseThrow().createdAt())
                .as("a time without an offset is UTC").isEqualTo(Instant.parse("2026-09-20T14:00:00Z"));
        assertThat(tickets.findByExternalId("TCK-5002").orElseThrow().subject())
                .isEqualTo("Export to CSV drops the \"region\" column");

        Ticket reports = tickets.findByExternalId("zendesk:35436").orElseThrow();
        assertThat(reports.accountId()).as("organization 509974 is CRM-1001 by its external_id")
                .isEqualTo(account("CRM-1001"));
        assertThat(reports.escalated()).as("tagged escalated").isTrue();
        Ticket invite = tickets.findByExternalId("zendesk:35437").orElseThrow();
        assertThat(invite.priority()).as("no priority is normal").isEqualTo(TicketPriority.NORMAL);
        assertThat(invite.solvedAt()).isEqualTo(Instant.parse("2026-10-02T08:30:00Z"));
        assertThat(invite.satisfaction()).isEqualTo(org.lodestar.support.Satisfaction.GOOD);
        assertThat(tickets.findByExternalId("zendesk:35440").orElseThrow().status()).as("hold waits: pending")
                .isEqualTo(TicketStatus.PENDING);

        // Globex: TCK-5001 (urgent, open), TCK-5002 (pending), zendesk 35436 (urgent, open) unresolved
        var globex = tickets.summary(account("CRM-1001"));
        assertThat(globex.unresolved()).isEqualTo(3);
        assertThat(globex.urgentUnresolved()).isEqualTo(2);

        // NPS 9 and 4 at Globex, both in the last year if today is before 2027-09-15: 50% - 50% = 0
        LocalDate today = LocalDate.now(clock);
        if (today.isBefore(LocalDate.of(2027, 9, 15))) {
            assertThat(surveys.summary(account("CRM-1001")).nps()).isZero();
        }

        Invoice late = invoices.findByExternalId("INV-2026-0102").orElseThrow();
        assertThat(late.daysOverdue()).isEqualTo((int) ChronoUnit.DAYS.between(LocalDate.of(2026, 7, 1), today));
        assertThat(invoices.findByExternalId("INV-2026-0103").orElseThrow().amountPaid()).isEqualByComparingTo("0");
        Invoice september = invoices.findByExternalId("in_1QGlobexSeptember").orElseThrow();
        assertThat(september.amountDue()).isEqualTo(new BigDecimal("34500.00"));
        assertThat(september.paidOn()).isEqualTo(LocalDate.of(2026, 9, 26));
        assertThat(september.status()).isEqualTo(InvoiceStatus.PAID);
        Invoice uk = invoices.findByExternalId("in_1QGlobexUkOctober").orElseThrow();
        assertThat(uk.accountId()).as("cus_G1002 is Globex UK's billing id").isEqualTo(account("CRM-1002"));
        assertThat(uk.currency()).isEqualTo("GBP");
        assertThat(uk.amountDue()).isEqualTo(new BigDecimal("4200.50"));
        assertThat(uk.dueOn()).isEqualTo(LocalDate.of(2026, 11, 1));

        long auditBefore = audit.count();
        assertThat(run(ImportKind.TICKETS, CsvImportTest.example("tickets.csv"), false).unchanged()).isEqualTo(4);
        assertThat(run(ImportKind.SURVEYS, CsvImportTest.example("surveys.csv"), false).unchanged()).isEqualTo(4);
        assertThat(run(ImportKind.INVOICES, CsvImportTest.example("invoices.csv"), false).unchanged()).isEqualTo(4);
        assertThat(run(ImportKind.ZENDESK_TICKETS, CsvImportTest.example("zendesk-tickets.json"), false).unchanged())
                .isEqualTo(3);
        assertThat(run(ImportKind.STRIPE_INVOICES, CsvImportTest.example("stripe-invoices.json"), false).unchanged())
                .isEqualTo(2);
        assertThat(audit.count()).as("a re-import records no change").isEqualTo(auditBefore);
    }

    @Test
    void theOutsideFixturesImport() throws IOException {
        // The go-zendesk fixture's ticket belongs to organization 360363695492; without sideloaded
        // organizations, that id is the account's external id.
        api.post("/api/accounts", "{\"externalId\":\"360363695492\",\"name\":\"Terraform provider\"}");
        ImportReport zendesk = run(ImportKind.ZENDESK_TICKETS, fixture("zendesk_ticket_go-zendesk_fixture.json"), false);
        assertThat(zendesk.rejected()).isEmpty();
        assertThat(zendesk.created()).isEqualTo(1);
        Ticket ticket = tickets.findByExternalId("zendesk:2").orElseThrow();
        assertThat(ticket.subject()).isEqualTo("Mail to create fixture ticket for testing");
        assertThat(ticket.status()).isEqualTo(TicketStatus.SOLVED);
        assertThat(ticket.priority()).isEqualTo(TicketPriority.NORMAL);
        assertThat(ticket.createdAt()).isEqualTo(Instant.parse("2019-06-03T02:23:47Z"));
        assertThat(ticket.solvedAt()).as("updated_at of a solved ticket").isEqualTo(Instant.parse("2019-06-05T01:13:24Z"));
        assertThat(ticket.satisfaction()).isNull();
        assertThat(ticket.source()).isEqualTo("zendesk");

        api.post("/api/accounts", "{\"externalId\":\"CRM-STRIPE\",\"name\":\"Stripe fixture\",\"billingId\":\"cus_QXg1o8vcGmoR32\"}");
        ImportReport stripe = run(ImportKind.STRIPE_INVOICES, fixture("stripe_fixtures3_subset.json"), false);
        assertThat(stripe.rejected()).isEmpty();
        assertThat(stripe.rows()).as("the fixture's invoice; its customer, price and subscription are context").isEqualTo(1);
        Invoice invoice = invoices.findByExternalId("in_1Pgc6tB7WZ01zgkWu9fdqL6I").orElseThrow();
        assertThat(invoice.amountDue()).as("1000 cents").isEqualTo(new BigDecimal("10.00"));
        assertThat(invoice.amountPaid()).isEqualTo(new BigDecimal("0.00"));
        assertThat(invoice.currency()).isEqualTo("USD");
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.DRAFT);
        assertThat(invoice.issuedOn()).as("created 1234567890").isEqualTo(LocalDate.of(2009, 2, 13));
        assertThat(invoice.dueOn()).isEqualTo(LocalDate.of(2009, 2, 13));
        assertThat(invoice.daysOverdue()).as("a draft is never overdue").isZero();
        assertThat(invoice.number()).isNull();
    }

    @Test
    void aBadTicketRowStopsTheFileAndPartialImportsTheRest() {
        String csv = """
                ticket_id,account_external_id,subject,status,priority,created_at,solved_at
                T-1,CRM-1001,Fine,open,urgent,2026-10-01,
                T-2,CRM-1001,Bad priority,open,asap,2026-10-01,
                T-3,CRM-9999,No such account,open,low,2026-10-01,
                T-4,CRM-1001,Solved before created,solved,low,2026-10-01,2026-09-01
                T-5,CRM-1001,Bad time,open,low,yesterday,
                T-6,CRM-1003,Also fine,solved,,2026-10-01,2026-10-02 10:00:00
                """;
        ImportReport report = run(ImportKind.TICKETS, csv, false);
        assertThat(report.committed()).isFalse();
        assertThat(report.rejected()).extracting(RowProblem::line, RowProblem::column).containsExactly(
                tuple(3L, "priority"), tuple(4L, "account_external_id"), tuple(5L, "solved_at"), tuple(6L, "created_at"));
        assertThat(report.rejected().get(0).reason()).contains("asap").contains("low, normal, high, urgent");
        assertThat(api.get("/api/tickets").json()).isEmpty();

        ImportReport partial = run(ImportKind.TICKETS, csv, true);
        assertThat(partial.committed()).isTrue();
        assertThat(partial.created()).isEqualTo(2);
        assertThat(partial.rejected()).hasSize(4);
        assertThat(api.get("/api/tickets").json()).extracting(t -> t.get("externalId").asString())
                .containsExactlyInAnyOrder("T-1", "T-6");
        assertThat(run(ImportKind.TICKETS, csv, true).unchanged()).as("the partial re-import").isEqualTo(2);
    }

    @Test
    void badSurveyAndInvoiceRowsNameTheirColumn() {
        ImportReport surveyReport = run(ImportKind.SURVEYS, """
                response_id,account_external_id,kind,score,responded_at
                R-1,CRM-1001,nps,11,2026-10-01
                R-2,CRM-1001,csat,0,2026-10-01
                R-3,CRM-1001,ces,3,2026-10-01
                R-4,CRM-1001,nps,ten,2026-10-01
                R-5,CRM-1001,nps,10,2026-10-01
                """, false);
        assertThat(surveyReport.rejected()).extracting(RowProblem::line, RowProblem::column).containsExactly(
                tuple(2L, "score"), tuple(3L, "score"), tuple(4L, "kind"), tuple(5L, "score"));
        assertThat(surveyReport.rejected().get(0).reason()).isEqualTo("expected 0 to 10 for nps, got 11");
        assertThat(api.get("/api/surveys").json()).isEmpty();

        ImportReport invoiceReport = run(ImportKind.INVOICES, """
                invoice_id,account_external_id,currency,amount_due,amount_paid,issued_on,due_on,status
                I-1,CRM-1001,USD,"1,000",,2026-10-01,,open
                I-2,CRM-1001,USD,1000.005,,2026-10-01,,open
                I-3,CRM-1001,US,1000,,2026-10-01,,open
                I-4,CRM-1001,USD,1000,,2026-10-01,2026-09-01,open
                I-5,CRM-1001,USD,1000,,2026-10-01,,late
                I-6,CRM-1001,USD,1000,-5,2026-10-01,,open
                I-7,CRM-1001,USD,1000,,2026-10-01,2026-10-31,open
                """, false);
        assertThat(invoiceReport.rejected()).extracting(RowProblem::line, RowProblem::column).containsExactly(
                tuple(2L, "amount_due"), tuple(3L, "amount_due"), tuple(4L, "currency"), tuple(5L, "due_on"),
                tuple(6L, "status"), tuple(7L, "amount_paid"));
        assertThat(invoiceReport.committed()).isFalse();
        assertThat(api.get("/api/invoices").json()).isEmpty();
    }

    @Test
    void aBadZendeskTicketIsReportedByLineAndPointer() {
        String json = """
                {"tickets": [
                  {"id": 1, "organization_id": 509974, "status": "open", "priority": "urgent",
                   "created_at": "2026-10-01T10:00:00Z"},
                  {"id": 2, "organization_id": 509974, "status": "open", "priority": "asap",
                   "created_at": "2026-10-01T10:00:00Z"},
                  {"id": 3, "organization_id": 777, "status": "open", "created_at": "2026-10-01T10:00:00Z"},
                  {"id": 4, "organization_id": 509974, "status": "open", "created_at": "last week"}
                ],
                "organizations": [{"id": 509974, "external_id": "CRM-1001"}]}
                """;
        ImportReport report = run(ImportKind.ZENDESK_TICKETS, json, false);
        assertThat(report.committed()).isFalse();
        assertThat(report.rejected()).extracting(RowProblem::line, RowProblem::column).containsExactly(
                tuple(4L, "/tickets/1/priority"), tuple(6L, "/tickets/2/organization_id"),
                tuple(7L, "/tickets/3/created_at"));
        assertThat(report.rejected().get(1).reason()).contains("no account with external id 777");
        assertThat(api.get("/api/tickets").json()).isEmpty();

        ImportReport partial = run(ImportKind.ZENDESK_TICKETS, json, true);
        assertThat(partial.created()).isEqualTo(1);
        assertThat(api.get("/api/tickets").json()).extracting(t -> t.get("externalId").asString())
                .containsExactly("zendesk:1");

        ImportReport broken = run(ImportKind.ZENDESK_TICKETS, "{\"tickets\": [\n{\"id\": 1,,}\n]}", false);
        assertThat(broken.rejected()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.reason()).startsWith("not valid JSON");
        });
        ImportReport wrongShape = run(ImportKind.ZENDESK_TICKETS, "{\"users\": []}", false);
        assertThat(wrongShape.rejected().getFirst().reason()).contains("{\"ticket\": {...}} or {\"tickets\": [...]}");
    }

    @Test
    void stripeInvoicesImportOverHttpAndAnUnknownCustomerIsA400NamingIt() {
        String body = """
                [
                  {"id": "in_A", "object": "invoice", "customer": "cus_G1001", "currency": "jpy", "amount_due": 5000,
                   "amount_paid": 0, "created": 1788220800, "due_date": 1790812800, "status": "open"},
                  {"id": "in_B", "object": "invoice", "customer": "cus_nobody", "currency": "usd", "amount_due": 100,
                   "amount_paid": 0, "created": 1788220800, "due_date": null, "status": "open"}
                ]
                """;
        ApiClient.Response bad = api.postBytes("/api/import/stripe-invoices?filename=invoices.json", "application/json",
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        JsonNode error = bad.json().get("errors").get(0);
        assertThat(error.get("line").asInt()).isEqualTo(4);
        assertThat(error.get("column").asString()).isEqualTo("/1/customer");
        assertThat(error.get("reason").asString()).isEqualTo("no account has billing id cus_nobody");
        assertThat(api.get("/api/invoices").json()).isEmpty();

        ApiClient.Response partial = api.postBytes("/api/import/stripe-invoices?partial=true", "application/json",
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(partial.status()).as(partial.body()).isEqualTo(200);
        assertThat(partial.json().get("created").asInt()).isEqualTo(1);
        JsonNode yen = api.get("/api/invoices").json().get(0);
        assertThat(yen.get("amountDue").decimalValue()).as("yen have no cents").isEqualByComparingTo("5000");
        assertThat(yen.get("currency").asString()).isEqualTo("JPY");
        JsonNode audit = api.get("/api/audit?entityType=invoice").json();
        assertThat(audit.get(0).get("actorName").asString()).isEqualTo("upload.json by bootstrap ("
                + LodestarTest.ADMIN_EMAIL + ")");
    }
}
