package org.lodestar.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.lodestar.config.ConfigFile;
import org.lodestar.config.ConfigInvalid;
import org.lodestar.config.ConfigProblem;

/** Bad rule files are refused with every problem named by file, line and field. */
class SignalRuleReaderTest {

    private static List<String> problems(String yaml) {
        ConfigInvalid e = catchThrowableOfType(ConfigInvalid.class,
                () -> new SignalRuleReader().readAll(List.of(new ConfigFile("bad.yaml", "bad.yaml", yaml))));
        assertThat(e).as("the file is refused").isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void theShippedRulesAreValid() {
        assertThat(SignalConfiguration.read(null)).extracting(SignalRule::key).contains("health-red", "sponsor-left",
                "renewal-t120", "renewal-t30", "onboarding-overdue", "new-customer");
    }

    @Test
    void namesEachProblemWithItsLineAndField() {
        assertThat(problems("""
                rules:
                  - key: health-red
                    kind: health-below
                    threshold: 160
                  - key: Usage Drop
                    kind: usage-drop
                    percent: 30
                    days: 30 days
                  - key: odd
                    kind: weather
                  - key: renewal
                    kind: renewal-ahead
                    days: 60d
                    until: 90d
                    severity: critical
                  - key: health-red
                    kind: urgent-ticket
                    above: 3
                  - key: reviews
                    kind: business-review-due
                    cadence:
                      high-touch: 3 months
                      self-serve: 30d
                  - key: ebr
                    kind: executive-review-due
                    segments: []
                    days: 120d
                """)).containsExactly(
                "bad.yaml:4: rules[0].threshold: expected a number from 0 to 100, got 160",
                "bad.yaml:5: rules[1].key: expected lower-case letters, digits and dashes (up to 60), got 'Usage Drop'",
                "bad.yaml:8: rules[1].days: expected a number of days such as 30d, got '30 days'",
                "bad.yaml:10: rules[2].kind: unknown kind: expected one of health-below, band-drop, usage-drop, no-active-user, "
                        + "stakeholder-left, stakeholder-joined, nps-detractor, tickets-unresolved, urgent-ticket, invoice-overdue, "
                        + "over-utilisation, adoption-depth, renewal-ahead, new-customer, onboarding-overdue, milestone-overdue, "
                        + "feature-used, "
                        + "business-review-due, executive-review-due, data-hygiene, got 'weather'",
                "bad.yaml:15: rules[3].severity: expected one of high, medium, low, got 'critical'",
                "bad.yaml:14: rules[3].until: expected fewer days than days (60d), got 90d",
                "bad.yaml:18: rules[4].above: unknown field; expected one of key, kind, category, severity, description, escalate",
                "bad.yaml:23: rules[5].cadence.self-serve: unknown field; expected one of high-touch, tech-touch, digital",
                "bad.yaml:22: rules[5].cadence.high-touch: expected a number of days such as 30d, got '3 months'",
                "bad.yaml:22: rules[5].cadence: expected the days between reviews for at least one coverage model, such as high-touch: 90d",
                "bad.yaml:24: rules[6].held-within: is required",
                "bad.yaml:26: rules[6].segments: expected at least one segment, such as enterprise");
    }

    @Test
    void aKeyUsedTwiceAndAMissingSettingAreReported() {
        assertThat(problems("""
                rules:
                  - key: late
                    kind: invoice-overdue
                    days: 15d
                  - key: late
                    kind: invoice-overdue
                  - key: roles
                    kind: stakeholder-left
                    days: 30d
                    roles: [boss]
                """)).containsExactly(
                "bad.yaml:5: rules[1].days: is required",
                "bad.yaml:10: rules[2].roles[0]: unknown role: expected one of economic-sponsor, champion, user, admin, got 'boss'");
    }
}
