package org.lodestar;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A crafted account for scenario tests: made through the API where there is one, with usage and the
 * current health score written straight into their tables (how those are computed is tested elsewhere).
 * Dates are relative to {@code today}.
 */
public final class Situation {

    private final ApiClient api;
    private final JdbcClient jdbc;
    private final LocalDate today;
    public final long id;
    public final String externalId;
    private int counter;

    private Situation(ApiClient api, JdbcClient jdbc, LocalDate today, long id, String externalId) {
        this.api = api;
        this.jdbc = jdbc;
        this.today = today;
        this.id = id;
        this.externalId = externalId;
    }

    /**
     * An account with this external id (also its name), owner and lifecycle stage; its segment follows
     * the ARR of its contracts (enterprise from 100,000, mid-market from 25,000).
     */
    public static Situation anAccount(ApiClient api, JdbcClient jdbc, LocalDate today, String externalId, String ownerEmail,
            String stage) {
        ApiClient.Response created = api.post("/api/accounts", "{\"externalId\":\"" + externalId + "\",\"name\":\"" + externalId
                + "\",\"stage\":\"" + stage + "\"" + (ownerEmail == null ? "" : ",\"owner\":\"" + ownerEmail + "\"") + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Situation(api, jdbc, today, created.json().get("id").asLong(), externalId);
    }

    private String next() {
        return externalId + "-" + (++counter);
    }

    private static void created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    /** A contract from {@code startedDaysAgo} to {@code endsInDays} from today, one core line. */
    public Situation withContract(int startedDaysAgo, int endsInDays, int seats, String arr) {
        created(api.post("/api/accounts/" + id + "/subscriptions", "{\"externalId\":\"" + next() + "\",\"startDate\":\""
                + today.minusDays(startedDaysAgo) + "\",\"endDate\":\"" + today.plusDays(endsInDays) + "\",\"autoRenew\":true,"
                + "\"lineItems\":[{\"plan\":\"growth\",\"module\":\"core\",\"seats\":" + seats + ",\"arr\":" + arr + "}]}"));
        return this;
    }

    /** A contact of this role (e.g. economic-sponsor); {@code leftDaysAgo} null for one still there. */
    public Situation withContact(String role, Integer leftDaysAgo) {
        String email = next().toLowerCase() + "@customer.test";
        created(api.post("/api/accounts/" + id + "/stakeholders", "{\"email\":\"" + email + "\",\"name\":\"" + role + " "
                + counter + "\",\"role\":\"" + role + "\",\"status\":\"" + (leftDaysAgo == null ? "active" : "left") + "\""
                + (leftDaysAgo == null ? "" : ",\"leftOn\":\"" + today.minusDays(leftDaysAgo) + "\"") + "}"));
        return this;
    }

    /** A meeting of this type (kickoff, check-in, qbr, ebr) logged {@code daysAgo} days ago. */
    public Situation withMeeting(String type, int daysAgo) {
        created(api.post("/api/accounts/" + id + "/timeline", "{\"kind\":\"meeting\",\"meetingType\":\"" + type
                + "\",\"occurredAt\":\"" + today.minusDays(daysAgo) + "T10:00:00Z\",\"subject\":\"" + type + " meeting\"}"));
        return this;
    }

    public Situation withOpenTicket(String priority) {
        created(api.post("/api/accounts/" + id + "/tickets", "{\"externalId\":\"" + next() + "\",\"subject\":\"Ticket "
                + counter + "\",\"status\":\"open\",\"priority\":\"" + priority + "\",\"createdAt\":\""
                + today.minusDays(1) + "T08:00:00Z\"}"));
        return this;
    }

    public Situation withNps(int score, int daysAgo) {
        created(api.post("/api/accounts/" + id + "/surveys", "{\"externalId\":\"" + next() + "\",\"kind\":\"nps\",\"score\":"
                + score + ",\"respondedAt\":\"" + today.minusDays(daysAgo) + "T10:00:00Z\"}"));
        return this;
    }

    /** {@code days} days with {@code events} events each, the last one {@code daysBefore} days before today. */
    public Situation withUsage(int days, int events, int daysBefore) {
        for (int i = 0; i < days; i++) {
            jdbc.sql("insert into usage_day (account_id, on_date, events, active_users) values (?, ?, ?, 1)")
                    .params(id, Date.valueOf(today.minusDays(daysBefore + i)), events).update();
        }
        return this;
    }

    /** Distinct active users today (counted for utilisation over the last 30 days). */
    public Situation withActiveUsers(int users) {
        for (int i = 0; i < users; i++) {
            jdbc.sql("insert into usage_user_day (account_id, on_date, user_key) values (?, ?, ?)")
                    .params(id, Date.valueOf(today), "u" + i).update();
        }
        return this;
    }

    /** Product events of a feature on a day {@code daysAgo} days ago. */
    public Situation withFeatureUse(String feature, int daysAgo) {
        jdbc.sql("insert into usage_feature_day (account_id, on_date, feature, module, events) values (?, ?, ?, 'core', 3)")
                .params(id, Date.valueOf(today.minusDays(daysAgo)), feature).update();
        return this;
    }

    /** The current health score, as if just computed. */
    public Situation withHealth(String score, String band) {
        jdbc.sql("delete from account_health where account_id = ?").param(id).update();
        jdbc.sql("insert into account_health (account_id, as_of, computed_at, score, band, scorecard, version, measures) "
                + "values (?, ?, current_timestamp, ?, ?, 'standard', 'test', '[]')")
                .params(id, Date.valueOf(today), new java.math.BigDecimal(score), band.toUpperCase()).update();
        return this;
    }

    /** A health snapshot {@code daysAgo} days ago, for band-drop rules. */
    public Situation withHealthDaysAgo(int daysAgo, String score, String band) {
        jdbc.sql("insert into health_snapshot (account_id, as_of, taken_at, score, band, scorecard, version, cause, measures) "
                + "values (?, ?, current_timestamp, ?, ?, 'standard', 'test', 'history', '[]')")
                .params(id, Date.valueOf(today.minusDays(daysAgo)), new java.math.BigDecimal(score), band.toUpperCase()).update();
        return this;
    }
}
