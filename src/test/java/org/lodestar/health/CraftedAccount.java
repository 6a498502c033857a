package org.lodestar.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.lodestar.ApiClient;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builds an account with chosen inputs for health tests: contract and seats through the API,
 * tickets, surveys, invoices, contacts and activities through the API, usage straight into the
 * rollups (how rollups are made is the usage module's business, tested there).
 */
final class CraftedAccount {

    private final ApiClient api;
    private final JdbcClient jdbc;
    private final LocalDate asOf;
    final long id;
    private final String externalId;
    private int sequence;

    private CraftedAccount(ApiClient api, JdbcClient jdbc, LocalDate asOf, String externalId, String segmentHint) {
        this.api = api;
        this.jdbc = jdbc;
        this.asOf = asOf;
        this.externalId = externalId;
        ApiClient.Response created = api.post("/api/accounts", "{\"externalId\":\"" + externalId + "\",\"name\":\""
                + externalId + "\"" + segmentHint + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        this.id = created.json().get("id").asLong();
    }

    static CraftedAccount anAccount(ApiClient api, JdbcClient jdbc, LocalDate asOf, String externalId) {
        return new CraftedAccount(api, jdbc, asOf, externalId, "");
    }

    private String next() {
        return externalId + "-" + (++sequence);
    }

    private static String at(LocalDate day) {
        return day.atTime(12, 0).toInstant(ZoneOffset.UTC).toString();
    }

    private void created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    /** A year's contract around the date: one line per module, each with the seats. */
    CraftedAccount withSeats(int seats, String... modules) {
        StringBuilder lines = new StringBuilder();
        for (String module : modules) {
            lines.append(lines.isEmpty() ? "" : ",").append("{\"plan\":\"growth\",\"module\":\"").append(module)
                    .append("\",\"seats\":").append(seats).append(",\"arr\":12000}");
        }
        created(api.post("/api/accounts/" + id + "/subscriptions", "{\"externalId\":\"" + next() + "\",\"startDate\":\""
                + asOf.minusDays(200) + "\",\"endDate\":\"" + asOf.plusDays(165) + "\",\"lineItems\":[" + lines + "]}"));
        return this;
    }

    /** {@code days} days with {@code events} events each, ending {@code daysBefore} days before the date. */
    CraftedAccount withUsage(int days, int events, int daysBefore) {
        for (int i = 0; i < days; i++) {
            jdbc.sql("insert into usage_day (account_id, on_date, events, active_users) values (?, ?, ?, 1)")
                    .params(id, asOf.minusDays(daysBefore + i), events).update();
        }
        return this;
    }

    /** Distinct users active within the 30 days up to the date, each once on the date itself. */
    CraftedAccount withActiveUsers(int users) {
        for (int i = 0; i < users; i++) {
            jdbc.sql("insert into usage_user_day (account_id, on_date, user_key) values (?, ?, ?)").params(id, asOf, "u" + i)
                    .update();
        }
        return this;
    }

    CraftedAccount usingModules(String... modules) {
        for (String module : modules) {
            jdbc.sql("insert into usage_feature_day (account_id, on_date, feature, module, events) values (?, ?, ?, ?, 1)")
                    .params(id, asOf.minusDays(1), module + " used", module).update();
        }
        return this;
    }

    CraftedAccount withNps(int... scores) {
        for (int score : scores) {
            created(api.post("/api/accounts/" + id + "/surveys", "{\"externalId\":\"" + next() + "\",\"kind\":\"nps\","
                    + "\"score\":" + score + ",\"respondedAt\":\"" + at(asOf.minusDays(20)) + "\"}"));
        }
        return this;
    }

    CraftedAccount withContact(String role, LocalDate leftOn) {
        created(api.post("/api/accounts/" + id + "/stakeholders", "{\"email\":\"" + next().toLowerCase() + "@example.com\","
                + "\"name\":\"" + role + " person\",\"role\":\"" + role + "\""
                + (leftOn == null ? "" : ",\"status\":\"left\",\"leftOn\":\"" + leftOn + "\"") + "}"));
        return this;
    }

    CraftedAccount withCall(int daysBefore) {
        created(api.post("/api/accounts/" + id + "/timeline", "{\"kind\":\"call\",\"subject\":\"Check-in call\","
                + "\"occurredAt\":\"" + at(asOf.minusDays(daysBefore)) + "\"}"));
        return this;
    }

    CraftedAccount withOpenTickets(int count, String priority) {
        for (int i = 0; i < count; i++) {
            created(api.post("/api/accounts/" + id + "/tickets", "{\"externalId\":\"" + next() + "\",\"subject\":\"Help\","
                    + "\"status\":\"open\",\"priority\":\"" + priority + "\",\"createdAt\":\"" + at(asOf.minusDays(5)) + "\"}"));
        }
        return this;
    }

    CraftedAccount withInvoice(int daysPastDue, boolean paid) {
        LocalDate due = asOf.minusDays(daysPastDue);
        created(api.post("/api/accounts/" + id + "/invoices", "{\"externalId\":\"" + next() + "\",\"currency\":\"USD\","
                + "\"amountDue\":1000,\"amountPaid\":" + (paid ? 1000 : 0) + ",\"issuedOn\":\"" + due.minusDays(30)
                + "\",\"dueOn\":\"" + due + "\"" + (paid ? ",\"paidOn\":\"" + due + "\",\"status\":\"paid\"" : ",\"status\":\"open\"")
                + "}"));
        return this;
    }
}
