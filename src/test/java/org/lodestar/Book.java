package org.lodestar;

import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.people.ApiTokens;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.lodestar.people.User;
import org.lodestar.people.Users;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Test fixture over the shared test database: empties the book and makes people with tokens. */
@Component
public class Book {

    private final JdbcClient jdbc;
    private final Users users;
    private final ApiTokens tokens;

    Book(JdbcClient jdbc, Users users, ApiTokens tokens) {
        this.jdbc = jdbc;
        this.users = users;
        this.tokens = tokens;
    }

    /** Removes every account, contract, contact, ticket, survey answer, invoice, outreach message, timeline entry and audit entry; people stay. */
    public void empty() {
        for (String table : new String[] { "crm_account_view", "metric_table", "feature_shipped_notice", "feature_ask", "product_request", "outreach_message", "tracked_event", "unattributed_event", "tracked_user", "ingest_batch",
                "usage_day", "usage_user_day", "usage_feature_day", "imported_usage", "support_ticket", "survey_response",
                "invoice", "renewal_call", "line_item", "subscription", "arr_movement", "timeline_entry", "stakeholder", "account_health", "health_snapshot",
                "churn_snapshot", "churn_snapshot_date",
                "health_rescore_due" }) {
            jdbc.sql("delete from " + table).update();
        }
        jdbc.sql("update account set parent_id = null").update();
        jdbc.sql("delete from account").update();
        jdbc.sql("delete from audit_event").update();
        // What was computed from the book before (the backtests kept) no longer holds.
        jdbc.sql("update health_recompute_count set recomputes = recomputes + 1").update();
    }

    /** A user with this role (created once) and a fresh token of the given scope; returns the token. */
    public String tokenFor(String email, Role role, TokenScope scope) {
        return Actors.runAs(Actor.system(), () -> {
            User user = users.findByEmail(email)
                    .orElseGet(() -> users.create(email, email.substring(0, email.indexOf('@')), role, "password-1234"));
            return tokens.issue(user.id(), "test " + scope.label(), scope, null).secret();
        });
    }
}
