package org.lodestar.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The numbers the churn model reads for an account on a day, each with the words a CSM reads it in.
 * Every one is known on the day itself: usage, tickets, answers, invoices, contacts and the ledger up
 * to and including it.
 */
public enum ChurnFeature {
    LICENCE_UTILISATION("licence utilisation (30d)", "%"),
    USAGE_TREND("usage trend (30d vs previous 30d)", "%"),
    ACTIVE_DAYS("active days (30d)", " days"),
    ADOPTION_DEPTH("adoption depth (30d)", "%"),
    NPS("NPS mean (180d)", ""),
    DETRACTOR("an NPS detractor (180d)", "flag"),
    CSAT("CSAT mean (90d)", ""),
    SPONSOR("an economic sponsor in place", "flag"),
    CHAMPION("a champion in place", "flag"),
    DAYS_SINCE_ENGAGEMENT("days since the last call, meeting or email", " days"),
    OPEN_TICKETS("open tickets", ""),
    URGENT_OPEN_TICKETS("urgent open tickets", ""),
    OLDEST_OPEN_TICKET_DAYS("oldest open ticket", " days"),
    TICKETS_RAISED("tickets raised (90d)", ""),
    DAYS_OVERDUE("days overdue", " days"),
    LOG_ARR("ARR", "log$"),
    TENURE_DAYS("customer for", " days"),
    DAYS_TO_RENEWAL("days to the next renewal", " days"),
    // Churn and contraction land on renewals: whether one falls inside a horizon is a step days-to-renewal cannot draw.
    RENEWS_WITHIN_90("a renewal within 90 days", "flag"),
    RENEWS_WITHIN_180("a renewal within 180 days", "flag");

    private final String label;
    private final String unit;

    ChurnFeature(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    /**
     * The value as the regression reads it. Counts and day spans are heavy-tailed (a ticket open 400 days would
     * otherwise sit twenty deviations out and decide alone), so they enter as log(1 + x); a usage trend is
     * held within −100% and +200%.
     */
    public double scaled(double value) {
        return switch (this) {
            case ACTIVE_DAYS, DAYS_SINCE_ENGAGEMENT, OPEN_TICKETS, URGENT_OPEN_TICKETS, OLDEST_OPEN_TICKET_DAYS, TICKETS_RAISED,
                    DAYS_OVERDUE, TENURE_DAYS -> Math.log1p(Math.max(0, value));
            case USAGE_TREND -> Math.max(-100, Math.min(200, value));
            case LICENCE_UTILISATION -> Math.min(200, value);
            default -> value;
        };
    }

    /** A yes/no feature: 1 or 0. */
    public boolean isFlag() {
        return unit.equals("flag");
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String label() {
        return label;
    }

    /** The value as a CSM reads it: "12%", "41 days", "yes", "$60,000"; "no data" when missing. */
    public String describe(Double value) {
        if (value == null) {
            return "no data";
        }
        return switch (unit) {
            case "flag" -> value >= 0.5 ? "yes" : "no";
            case "log$" -> "$" + thousands(Math.round(Math.expm1(value)));
            default -> oneDecimal(value) + unit;
        };
    }

    /** "60,000": digits grouped by three. */
    private static String thousands(long amount) {
        String digits = Long.toString(Math.abs(amount));
        StringBuilder text = new StringBuilder(amount < 0 ? "-" : "");
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                text.append(',');
            }
            text.append(digits.charAt(i));
        }
        return text.toString();
    }

    /** A whole number as such, else one decimal, half up ("12", "12.5"); without String.format, used per account. */
    private static String oneDecimal(double value) {
        if (Math.rint(value) == value && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    private static final Map<String, ChurnFeature> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ChurnFeature::key, f -> f));

    /** The feature of a key such as {@code licence-utilisation}; IllegalArgumentException for an unknown key. */
    public static ChurnFeature ofKey(String key) {
        ChurnFeature feature = BY_KEY.get(key);
        if (feature == null) {
            throw new IllegalArgumentException("No churn feature " + key + "; expected one of " + BY_KEY.keySet());
        }
        return feature;
    }
}
