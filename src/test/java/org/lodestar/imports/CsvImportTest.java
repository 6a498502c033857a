package org.lodestar.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.audit.Actor;
import org.lodestar.audit.AuditLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** The documented example files import; bad rows stop the file; re-imports change nothing. */
@LodestarTest
class CsvImportTest {

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    CsvImports imports;
    @Autowired
    AuditLog audit;
    ApiClient api;

    @BeforeEach
    void setUp() {
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
    }

    static byte[] example(String name) throws IOException {
        return Files.readAllBytes(Path.of("docs/formats", name));
    }

    private ImportReport run(ImportKind kind, byte[] content, boolean partial) {
        return imports.run(kind, content, kind.label() + ".csv", partial, Actor.commandLine());
    }

    @Test
    void theDocumentedExamplesImportAndReimportChangesNothing() throws IOException {
        ImportReport accounts = run(ImportKind.ACCOUNTS, example("accounts.csv"), false);
        assertThat(accounts.rejected()).isEmpty();
        assertThat(accounts.created()).isEqualTo(4);
        ImportReport stakeholders = run(ImportKind.STAKEHOLDERS, example("stakeholders.csv"), false);
        assertThat(stakeholders.rejected()).isEmpty();
        assertThat(stakeholders.created()).isEqualTo(5);
        ImportReport subscriptions = run(ImportKind.SUBSCRIPTIONS, example("subscriptions.csv"), false);
        assertThat(subscriptions.rejected()).isEmpty();
        assertThat(subscriptions.created()).as("rows of one subscription_id form one subscription").isEqualTo(4);

        JsonNode globex = api.get("/api/accounts?q=globex%20corporation").json().get("accounts").get(0);
        assertThat(globex.get("name").asString()).isEqualTo("Globex Corporation");
        JsonNode child = api.get("/api/accounts?q=globex%20uk").json().get("accounts").get(0);
        assertThat(child.get("parent").get("externalId").asString()).isEqualTo("CRM-1001");
        assertThat(child.get("coverage").asString()).as("coverage defaults from the segment").isEqualTo("digital");

        long auditBefore = audit.count();
        assertThat(run(ImportKind.ACCOUNTS, example("accounts.csv"), false).unchanged()).isEqualTo(4);
        assertThat(run(ImportKind.STAKEHOLDERS, example("stakeholders.csv"), false).unchanged()).isEqualTo(5);
        assertThat(run(ImportKind.SUBSCRIPTIONS, example("subscriptions.csv"), false).unchanged()).isEqualTo(4);
        assertThat(audit.count()).as("a re-import records no change").isEqualTo(auditBefore);
    }

    @Test
    void oneBadRowCommitsNothingAndIsReportedWithLineAndColumn() {
        String csv = """
                external_id,name,lifecycle_stage,owner_email
                GOOD-1,Good One,mature,
                GOOD-2,Good Two,,
                BAD-1,Bad Stage,happy,
                BAD-2,Bad Owner,,ghost@nowhere.example
                """;
        ImportReport report = run(ImportKind.ACCOUNTS, csv.getBytes(StandardCharsets.UTF_8), false);
        assertThat(report.committed()).isFalse();
        assertThat(report.rejected()).extracting(RowProblem::line, RowProblem::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(4L, "lifecycle_stage"),
                        org.assertj.core.groups.Tuple.tuple(5L, "owner_email"));
        assertThat(report.rejected().get(0).reason()).contains("happy").contains("onboarding");
        assertThat(report.rejected().get(1).reason()).contains("ghost@nowhere.example");
        assertThat(api.get("/api/accounts").json().get("total").asLong()).isZero();
        assertThat(audit.count()).isZero();

        ImportReport partial = run(ImportKind.ACCOUNTS, csv.getBytes(StandardCharsets.UTF_8), true);
        assertThat(partial.committed()).isTrue();
        assertThat(partial.created()).isEqualTo(2);
        assertThat(partial.rejected()).hasSize(2);
        assertThat(api.get("/api/accounts").json().get("total").asLong()).isEqualTo(2);
    }

    @Test
    void subscriptionRowsAreCheckedCellByCell() throws IOException {
        run(ImportKind.ACCOUNTS, example("accounts.csv"), false);
        String csv = """
                subscription_id,account_external_id,plan,seats,arr,start_date,end_date
                S-1,CRM-1001,growth,10,1000,2026-01-01,2027-01-01
                S-2,CRM-1001,growth,ten,1000,2026-01-01,2027-01-01
                S-3,CRM-1001,growth,10,"1,000",2026-01-01,
                S-4,CRM-1001,growth,10,1000,2026-02-30,
                S-5,CRM-9999,growth,10,1000,2026-01-01,
                S-6,CRM-1001,growth,10,1000,2026-06-01,2026-01-01
                """;
        ImportReport report = run(ImportKind.SUBSCRIPTIONS, csv.getBytes(StandardCharsets.UTF_8), false);
        assertThat(report.rejected()).extracting(RowProblem::line, RowProblem::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3L, "seats"), org.assertj.core.groups.Tuple.tuple(4L, "arr"),
                org.assertj.core.groups.Tuple.tuple(5L, "start_date"),
                org.assertj.core.groups.Tuple.tuple(6L, "account_external_id"),
                org.assertj.core.groups.Tuple.tuple(7L, "end_date"));
        assertThat(report.committed()).isFalse();
        assertThat(api.get("/api/accounts?q=globex%20corporation").json().get("accounts").get(0).get("arr").decimalValue())
                .isEqualByComparingTo("0");
    }

    @Test
    void subscriptionDaysNoContractHasAreRefusedInTheirOwnCell() throws IOException {
        run(ImportKind.ACCOUNTS, example("accounts.csv"), false);
        String csv = """
                subscription_id,account_external_id,plan,module,seats,arr,start_date,end_date
                S-1,CRM-1001,growth,core,10,1000,2026-01-01,2027-01-01
                S-1,CRM-1001,growth,analytics,0,500,0001-01-01,2027-01-01
                S-2,CRM-1001,growth,core,10,1000,2026-01-01,9999-12-31
                S-3,CRM-1001,growth,core,10,1000,1990-01-01,2100-12-31
                """;
        ImportReport report = run(ImportKind.SUBSCRIPTIONS, csv.getBytes(StandardCharsets.UTF_8), false);

        assertThat(report.source()).isEqualTo("subscriptions.csv");
        assertThat(report.rejected()).extracting(RowProblem::toString).containsExactly(
                "line 3, column start_date: must be between 1990-01-01 and 2100-12-31, got 0001-01-01",
                "line 4, column end_date: must be between 1990-01-01 and 2100-12-31, got 9999-12-31");
        assertThat(report.committed()).isFalse();
        assertThat(api.get("/api/accounts?q=globex%20corporation").json().get("accounts").get(0).get("arr").decimalValue())
                .isEqualByComparingTo("0");
    }

    @Test
    void aFileWithFewerColumnsKeepsWhatItDoesNotMention() throws IOException {
        run(ImportKind.ACCOUNTS, example("accounts.csv"), false);
        ImportReport renamed = run(ImportKind.ACCOUNTS,
                "external_id,name\nCRM-1002,Globex United Kingdom\n".getBytes(StandardCharsets.UTF_8), false);
        assertThat(renamed.updated()).isEqualTo(1);
        JsonNode child = api.get("/api/accounts?q=CRM-1002").json().get("accounts").get(0);
        assertThat(child.get("name").asString()).isEqualTo("Globex United Kingdom");
        assertThat(child.get("parent").get("externalId").asString()).isEqualTo("CRM-1001");
        assertThat(child.get("stage").asString()).isEqualTo("adoption");
        assertThat(child.get("domain").asString()).isEqualTo("globex.example");
    }

    @Test
    void aBadHeaderNamesTheColumns() {
        ImportReport report = run(ImportKind.STAKEHOLDERS,
                "account,email,name,role\nX,a@b.example,A,user\n".getBytes(StandardCharsets.UTF_8), false);
        assertThat(report.rejected()).hasSize(1);
        assertThat(report.rejected().get(0).line()).isEqualTo(1);
        assertThat(report.rejected().get(0).reason()).contains("lacks required column(s) account_external_id")
                .contains("unknown column(s) account");
    }

    @Test
    void importsOverHttpAndReportsRejectsAsAProblem() {
        ApiClient.Response ok = api.postBytes("/api/import/accounts?filename=book.csv", "text/csv",
                "external_id,name\nH-1,Over HTTP\n".getBytes(StandardCharsets.UTF_8));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("created").asInt()).isEqualTo(1);

        ApiClient.Response bad = api.postBytes("/api/import/accounts", "text/csv",
                "external_id,name\nH-2,Fine\nH 3,Bad id\n".getBytes(StandardCharsets.UTF_8));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(bad.json().get("errors").get(0).get("column").asString()).isEqualTo("external_id");
        assertThat(api.get("/api/accounts").json().get("total").asLong()).isEqualTo(1);

        JsonNode audit = api.get("/api/audit?entityType=account").json();
        assertThat(audit.get(0).get("actorKind").asString()).isEqualTo("IMPORT");
        assertThat(audit.get(0).get("actorName").asString()).isEqualTo("book.csv by bootstrap (" + LodestarTest.ADMIN_EMAIL + ")");
    }
}
