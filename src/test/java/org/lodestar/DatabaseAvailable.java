package org.lodestar;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * In the PostgreSQL run, skips database tests (and says why) when no server is configured or
 * reachable; the H2 run always goes ahead.
 */
public class DatabaseAvailable implements ExecutionCondition {

    private static ConditionEvaluationResult verdict;

    @Override
    public synchronized ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (verdict == null) {
            verdict = evaluate();
            if (verdict.isDisabled()) {
                System.err.println("[lodestar] " + verdict.getReason().orElse(""));
            }
        }
        return verdict;
    }

    private static ConditionEvaluationResult evaluate() {
        if (!TestDatabase.postgres()) {
            return ConditionEvaluationResult.enabled("H2 run");
        }
        String server = TestDatabase.serverUrl();
        if (server == null) {
            return ConditionEvaluationResult.disabled("PostgreSQL tests skipped: LODESTAR_TEST_POSTGRES_URL is not set "
                    + "(e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres); .ci/run sets it");
        }
        try (Connection ignored = DriverManager.getConnection(server)) {
            return ConditionEvaluationResult.enabled("PostgreSQL at " + server);
        } catch (SQLException e) {
            return ConditionEvaluationResult.disabled("PostgreSQL tests skipped: cannot connect to " + server + ": "
                    + e.getMessage());
        }
    }
}
