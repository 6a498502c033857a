package org.lodestar.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.infrastructure.CsvCells;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Every change is in the audit log with who, before and after; it exports as CSV. */
@LodestarTest
class AuditTrailTest {

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    ApiClient api;

    @BeforeEach
    void setUp() {
        book.empty();
        api = new ApiClient(port, book.tokenFor("auditor@lodestar.test", Role.CSM, TokenScope.WRITE));
    }

    @Test
    void recordsWhoChangedWhatWithBeforeAndAfter() {
        long id = api.post("/api/accounts", "{\"externalId\":\"AUD-1\",\"name\":\"Before Corp\"}").json().get("id").asLong();
        api.put("/api/accounts/" + id, "{\"externalId\":\"AUD-1\",\"name\":\"After Corp\"}");
        api.put("/api/accounts/" + id, "{\"externalId\":\"AUD-1\",\"name\":\"After Corp\"}");

        JsonNode events = api.get("/api/audit?entityType=account&entityId=" + id).json();
        assertThat(events).as("the identical second update is not a change").hasSize(2);
        JsonNode update = events.get(0);
        assertThat(update.get("action").asString()).isEqualTo("update");
        assertThat(update.get("actorKind").asString()).isEqualTo("TOKEN");
        assertThat(update.get("actorName").asString()).isEqualTo("test write (auditor@lodestar.test)");
        assertThat(update.get("before").asString()).contains("\"name\":\"Before Corp\"");
        assertThat(update.get("after").asString()).contains("\"name\":\"After Corp\"");
        assertThat(events.get(1).get("action").asString()).isEqualTo("create");
        assertThat(events.get(1).get("before").isNull()).isTrue();

        assertThat(api.get("/api/audit?actor=auditor").json()).hasSize(2);
        assertThat(api.get("/api/audit?actor=somebody-else").json()).isEmpty();
    }

    @Test
    void exportsAsCsv() {
        api.post("/api/accounts", "{\"externalId\":\"AUD-2\",\"name\":\"Comma, Quote \\\" Inc\"}");
        ApiClient.Response csv = api.get("/api/audit/export?entityType=account");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("id,occurred_at,actor_kind,actor,action,entity_type,entity_id,summary,before,after");
        assertThat(lines).hasSize(2);
        assertThat(CsvCells.safe("=HYPERLINK(1)")).as("no formula runs in a spreadsheet").isEqualTo("'=HYPERLINK(1)");
        assertThat(CsvCells.safe("-5")).isEqualTo("'-5");
        assertThat(CsvCells.safe("Created account =X")).isEqualTo("Created account =X");
        assertThat(lines[1]).contains(",token,test write (auditor@lodestar.test),create,account,")
                .contains("\"Created account Comma, Quote \"\" Inc\"");
    }
}
