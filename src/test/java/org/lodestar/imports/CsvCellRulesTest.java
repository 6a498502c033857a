package org.lodestar.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.audit.Actor;
import org.lodestar.audit.AuditLog;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * CSV cells follow the rules of JSON bodies, each cell on its own: no NUL, dates and times in years 1 to
 * 9999 (times with an offset), whole numbers without decimals, true/false, money to the cent. A row
 * reports every bad cell, and a file with a bad row writes nothing.
 */
@LodestarTest
class CsvCellRulesTest {

    private static final String SUBSCRIPTION_HEADER = "subscription_id,account_external_id,plan,seats,arr,start_date,"
            + "end_date,auto_renew\n";
    private static final String TICKET_HEADER = "ticket_id,account_external_id,created_at,escalated\n";

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    CsvImports imports;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;

    @BeforeEach
    void setUp() {
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        ImportReport accounts = run(ImportKind.ACCOUNTS, "external_id,name\nCRM-1,Acme\n", false);
        assertThat(accounts.rejected()).isEmpty();
    }

    private ImportReport run(ImportKind kind, String csv, boolean partial) {
        return run(kind, csv.getBytes(StandardCharsets.UTF_8), partial);
    }

    private ImportReport run(ImportKind kind, byte[] content, boolean partial) {
        return imports.run(kind, content, kind.label() + ".csv", partial, Actor.commandLine());
    }

    private long rows(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    @Test
    void aRowWithTwoBadCellsGetsAProblemForEach() {
        ImportReport report = run(ImportKind.SUBSCRIPTIONS, SUBSCRIPTION_HEADER
                + "S-1,CRM-1,growth,1.5,1200.005,2025-01-01,2026-01-01,false\n", false);

        assertThat(report.rejected()).extracting(RowProblem::line, RowProblem::column)
                .containsExactly(tuple(2L, "seats"), tuple(2L, "arr"));
        assertThat(report.rejected().get(0).reason())
                .isEqualTo("expected a whole number such as 12 (no decimals or exponent), got '1.5'");
        assertThat(report.rejected().get(1).reason())
                .isEqualTo("expected an amount with at most 2 decimal places (cents), such as 12000.50, got '1200.005'");
        assertThat(report.committed()).isFalse();
    }

    @Test
    void aBadCellDoesNotHideTheRecordsOwnRulesOnOtherCells() {
        ImportReport report = run(ImportKind.ACCOUNTS, """
                external_id,name,lifecycle_stage,owner_email
                CRM-2,Initech,happy,ghost@nowhere.example
                """, false);

        assertThat(report.rejected()).extracting(RowProblem::line, RowProblem::column)
                .containsExactly(tuple(2L, "lifecycle_stage"), tuple(2L, "owner_email"));
        assertThat(report.rejected().get(1).reason()).isEqualTo("no user with email ghost@nowhere.example");
    }

    @Test
    void aRowGivingAnAccountToAReadOnlyUserIsABadRow() {
        book.tokenFor("import-reader@lodestar.test", Role.READ_ONLY, TokenScope.READ);
        book.tokenFor("import-csm@lodestar.test", Role.CSM, TokenScope.READ);

        ImportReport report = run(ImportKind.ACCOUNTS, """
                external_id,name,owner_email
                CRM-2,Initech,import-csm@lodestar.test
                CRM-3,Globex,import-reader@lodestar.test
                """, false);

        assertThat(report.rejected()).extracting(RowProblem::toString).containsExactly(
                "line 3, column owner_email: import-reader@lodestar.test is a read-only user and cannot own accounts");
        assertThat(report.committed()).isFalse();
        assertThat(rows("account")).as("only the account of the set-up").isEqualTo(1);
    }

    @Test
    void aCellHoldingANulCharacterIsRefusedWithItsLineAndColumn() {
        ImportReport report = run(ImportKind.ACCOUNTS, "external_id,name,domain\nCRM-2,Ini\u0000tech,initech.example\n",
                false);

        assertThat(report.rejected()).extracting(RowProblem::line, RowProblem::column, RowProblem::reason)
                .containsExactly(tuple(2L, "name",
                        "contains a NUL character (U+0000) at position 4; text may not contain it"));
        assertThat(rows("account")).as("only the account of the set-up").isEqualTo(1);
    }

    @Test
    void malformedUtf8StopsTheFileAtItsLine() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("external_id,name\nCRM-2,Initech\nCRM-3,".getBytes(StandardCharsets.UTF_8));
        file.writeBytes(new byte[] { 'x', (byte) 0xC3, '(' });
        file.writeBytes("\n".getBytes(StandardCharsets.UTF_8));

        ImportReport report = run(ImportKind.ACCOUNTS, file.toByteArray(), true);

        assertThat(report.rejected()).extracting(RowProblem::line, RowProblem::column).containsExactly(tuple(3L, null));
        assertThat(report.rejected().getFirst().reason()).startsWith("not valid UTF-8 text");
        assertThat(report.committed()).isFalse();
        assertThat(rows("account")).as("not even the good line 2, partial or not").isEqualTo(1);
    }

    @Test
    void moneyPastTheCentIsAProblemOfItsCellNotAServerError() {
        ImportReport report = run(ImportKind.INVOICES, """
                invoice_id,account_external_id,currency,amount_due,amount_paid,issued_on
                I-1,CRM-1,USD,1200.005,1e3,2025-01-01
                """, false);

        assertThat(report.rejected()).extracting(RowProblem::line, RowProblem::column)
                .containsExactly(tuple(2L, "amount_due"), tuple(2L, "amount_paid"));
        assertThat(report.rejected().get(1).reason()).isEqualTo("expected an amount such as 12000 or 12000.50 "
                + "(no currency sign, thousands separator or exponent), got '1e3'");

        ApiClient.Response answer = api.postBytes("/api/import/subscriptions", "text/csv",
                (SUBSCRIPTION_HEADER + "S-1,CRM-1,growth,10,1200.005,2025-01-01,,\n").getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        JsonNode error = answer.json().get("errors").get(0);
        assertThat(error.get("line").asInt()).isEqualTo(2);
        assertThat(error.get("column").asString()).isEqualTo("arr");
    }

    @Test
    void datesAreYyyyMmDdInTheYears1To9999() {
        ImportReport report = run(ImportKind.SUBSCRIPTIONS, SUBSCRIPTION_HEADER
                + "S-1,CRM-1,growth,10,1000,10000-01-01,,\n"
                + "S-2,CRM-1,growth,10,1000,0000-12-31,,\n"
                + "S-3,CRM-1,growth,10,1000,20250101,,\n"
                + "S-4,CRM-1,growth,10,1000,2025-01-01,+10000-01-01,\n", false);

        assertThat(report.rejected()).extracting(RowProblem::line, RowProblem::column).containsExactly(
                tuple(2L, "start_date"), tuple(3L, "start_date"), tuple(4L, "start_date"), tuple(5L, "end_date"));
        assertThat(report.rejected().getFirst().reason())
                .isEqualTo("expected a date as YYYY-MM-DD between 0001-01-01 and 9999-12-31, got '10000-01-01'");
    }

    @Test
    void timesAreIsoOrUtcSpreadsheetFormsInTheYears1To9999AndNeverEpochNumbers() {
        ImportReport report = run(ImportKind.TICKETS, TICKET_HEADER
                + "T-1,CRM-1,1735689600,\n"
                + "T-2,CRM-1,2025-01-01 10:00:00,\n"
                + "T-3,CRM-1,2025-01-01,\n"
                + "T-4,CRM-1,+10000-01-01T00:00:00Z,\n"
                + "T-5,CRM-1,2025-01-01T10:00:00+02:00,\n"
                + "T-6,CRM-1,2025-02-30 10:00:00,\n", false);

        assertThat(report.rejected()).extracting(RowProblem::line, RowProblem::column).containsExactly(
                tuple(2L, "created_at"), tuple(5L, "created_at"), tuple(7L, "created_at"));
        assertThat(report.rejected().getFirst().reason()).isEqualTo("expected an ISO-8601 date-time such as "
                + "2026-01-31T14:00:00Z, a date and time in UTC such as 2026-01-31 14:00:00, or a date, in the years "
                + "0001 to 9999, got '1735689600'");
        assertThat(report.committed()).isFalse();
        assertThat(rows("support_ticket")).as("the good lines wait for the others").isZero();

        ImportReport good = run(ImportKind.TICKETS, TICKET_HEADER + "T-2,CRM-1,2025-01-01 10:00:00,\n"
                + "T-3,CRM-1,2025-01-01,\n" + "T-5,CRM-1,2025-01-01T10:00:00+02:00,\n", false);
        assertThat(good.created()).isEqualTo(3);
        assertThat(createdAt("T-2")).isEqualTo(Instant.parse("2025-01-01T10:00:00Z"));
        assertThat(createdAt("T-3")).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(createdAt("T-5")).isEqualTo(Instant.parse("2025-01-01T08:00:00Z"));
    }

    private Instant createdAt(String ticket) {
        return jdbc.sql("select created_at from support_ticket where external_id = ?").param(ticket)
                .query(Timestamp.class).single().toInstant();
    }

    @Test
    void wholeNumbersAndBooleansTakeOnlyTheirPlainForms() {
        ImportReport report = run(ImportKind.SUBSCRIPTIONS, SUBSCRIPTION_HEADER
                + "S-1,CRM-1,growth,1e3,1000,2025-01-01,,1\n"
                + "S-2,CRM-1,growth,\u0661\u0662,1000,2025-01-01,,yes\n"
                + "S-3,CRM-1,growth,99999999999,1000,2025-01-01,,TRUE\n", false);

        assertThat(report.rejected()).extracting(RowProblem::line, RowProblem::column, RowProblem::reason)
                .containsExactly(
                        tuple(2L, "seats", "expected a whole number such as 12 (no decimals or exponent), got '1e3'"),
                        tuple(2L, "auto_renew", "expected true or false, got '1'"),
                        tuple(3L, "seats", "expected a whole number such as 12 (no decimals or exponent), got '\u0661\u0662'"),
                        tuple(3L, "auto_renew", "expected true or false, got 'yes'"),
                        tuple(4L, "seats", "expected a whole number between -2147483648 and 2147483647, got "
                                + "'99999999999'"));

        ImportReport ticket = run(ImportKind.TICKETS, TICKET_HEADER + "T-1,CRM-1,2025-01-01T00:00:00Z,0\n", false);
        assertThat(ticket.rejected()).extracting(RowProblem::line, RowProblem::column)
                .containsExactly(tuple(2L, "escalated"));
    }

    @Test
    void aFileWithABadCellWritesNothingUnlessPartial() {
        String csv = SUBSCRIPTION_HEADER
                + "S-1,CRM-1,growth,10,1000,2025-01-01,2026-01-01,true\n"
                + "S-2,CRM-1,growth,10.5,1000,2025-01-01,2026-01-01,true\n"
                + "S-3,CRM-1,growth,10,1000,2025-01-01,2026-01-01,true\n";
        long auditBefore = audit.count();

        ImportReport report = run(ImportKind.SUBSCRIPTIONS, csv, false);

        assertThat(report.committed()).isFalse();
        assertThat(report.created()).as("what would have happened").isEqualTo(2);
        assertThat(report.rejected()).extracting(RowProblem::line, RowProblem::column).containsExactly(tuple(3L, "seats"));
        assertThat(rows("subscription")).isZero();
        assertThat(rows("line_item")).isZero();
        assertThat(audit.count()).isEqualTo(auditBefore);

        ImportReport partial = run(ImportKind.SUBSCRIPTIONS, csv, true);
        assertThat(partial.committed()).isTrue();
        assertThat(jdbc.sql("select external_id from subscription order by external_id").query(String.class).list())
                .containsExactly("S-1", "S-3");
    }
}
