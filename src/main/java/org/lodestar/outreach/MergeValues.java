package org.lodestar.outreach;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.Stakeholder;
import org.lodestar.health.Band;
import org.lodestar.health.HealthExplanation;
import org.lodestar.health.HealthReports;
import org.lodestar.usage.Usage;
import org.lodestar.usage.UsageFigures;
import org.lodestar.usage.UsageReport;
import org.springframework.stereotype.Component;

/**
 * The values of the merge fields for one account and contact, read from the accounts, health and
 * usage modules. Health and usage are read only when a template uses them. No value is null.
 */
@Component
class MergeValues {

    private static final int TREND_DAYS = 30;

    private final HealthReports health;
    private final Usage usage;

    MergeValues(HealthReports health, Usage usage) {
        this.health = health;
        this.usage = usage;
    }

    Map<String, String> of(Account account, Stakeholder contact, Collection<String> used, Map<String, String> vars) {
        Map<String, String> values = new HashMap<>();
        values.put("account.name", account.name());
        values.put("account.domain", account.domain());
        values.put("account.segment", account.segment());
        values.put("account.arr", account.arr() == null ? null : money(account.arr()));
        values.put("account.renewal_date", account.renewalDate() == null ? null : account.renewalDate().toString());
        if (contact != null) {
            values.put("contact.name", contact.name());
            values.put("contact.first_name", contact.name() == null ? null : contact.name().strip().split("\\s+")[0]);
            values.put("contact.email", contact.email());
        }
        if (account.owner() != null) {
            values.put("csm.name", account.owner().name());
            values.put("csm.email", account.owner().email());
        }
        if (used.stream().anyMatch(f -> f.startsWith("health."))) {
            health.explain(account.id()).ifPresent(h -> health(h, values));
        }
        if (used.stream().anyMatch(f -> f.startsWith("usage."))) {
            usage(usage.report(account.id(), null, null), values);
        }
        vars.forEach((name, value) -> values.put(MergeFields.VARS + name, value == null ? null : value.strip()));
        values.values().removeIf(v -> v == null);
        return values;
    }

    private static void health(HealthExplanation h, Map<String, String> values) {
        if (h.score() != null && h.band() != Band.NONE) {
            values.put("health.score", h.score().setScale(0, RoundingMode.HALF_UP).toPlainString());
            values.put("health.band", h.band().label());
        }
    }

    private static void usage(UsageReport report, Map<String, String> values) {
        for (UsageFigures.Trend trend : report.trends()) {
            if (trend.days() != TREND_DAYS) {
                continue;
            }
            if (trend.measure().equals("active users")) {
                values.put("usage.active_users_30d", Long.toString(trend.current()));
            } else if (trend.measure().equals("events") && trend.changePercent() != null) {
                BigDecimal change = trend.changePercent();
                values.put("usage.trend_30d", (change.signum() > 0 ? "+" : "") + change.toPlainString() + "%");
            }
        }
        if (report.utilisation() != null) {
            values.put("usage.utilisation", report.utilisation().multiply(BigDecimal.valueOf(100))
                    .setScale(0, RoundingMode.HALF_UP).toPlainString() + "%");
        }
    }

    /** Whole dollars with thousands separators: $120,000. */
    static String money(BigDecimal amount) {
        return "$" + new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.US))
                .format(amount.setScale(0, RoundingMode.HALF_UP));
    }
}
