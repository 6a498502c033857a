package org.lodestar.revenue.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.lodestar.infrastructure.PageWindow;
import org.lodestar.revenue.Renewal;
import org.lodestar.revenue.RenewalRisk;

/**
 * Which renewals the renewals page lists: a window (the next 30 to 365 days, or the last 90 for outcomes still to
 * record), an owner, a risk and a health band, and one page of what matches. Parsed leniently from the query string:
 * a value the page does not offer is dropped with a note saying what was expected, so an old bookmark still opens.
 */
record RenewalSelection(Window window, String owner, RenewalRisk risk, String health, int page, List<String> problems) {

    static final int PAGE_SIZE = 50;
    static final List<String> BANDS = List.of("red", "yellow", "green", "unscored");

    /** A stretch of days around today: {@code next-90} or {@code last-90}. */
    record Window(String label, boolean past, int days) {

        static final List<Window> CHOICES = List.of(new Window("next-30", false, 30), new Window("next-60", false, 60),
                new Window("next-90", false, 90), new Window("next-120", false, 120), new Window("next-180", false, 180),
                new Window("next-365", false, 365), new Window("last-90", true, 90));

        static Window of(String text) {
            return CHOICES.stream().filter(w -> w.label.equals(text)).findFirst().orElse(null);
        }

        LocalDate from(LocalDate today) {
            return past ? today.minusDays(days) : today;
        }

        LocalDate to(LocalDate today) {
            return past ? today.minusDays(1) : today.plusDays(days);
        }

        public String description() {
            return (past ? "Last " : "Next ") + days + " days";
        }
    }

    /** Reads the page's query; {@code defaultOwner} is whose renewals show when the query names nobody. */
    static RenewalSelection parse(String window, String owner, String risk, String health, String page,
            String defaultOwner) {
        List<String> problems = new ArrayList<>();
        Window chosen = window == null || window.isBlank() ? Window.of("next-90") : Window.of(window.trim());
        if (chosen == null) {
            problems.add("window: expected one of " + String.join(", ", Window.CHOICES.stream().map(Window::label).toList())
                    + ", got '" + window + "'; showing the next 90 days");
            chosen = Window.of("next-90");
        }
        RenewalRisk parsedRisk = null;
        if (risk != null && !risk.isBlank()) {
            try {
                parsedRisk = RenewalRisk.valueOf(risk.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("risk: expected low, medium or high, got '" + risk + "'; showing every risk");
            }
        }
        String band = null;
        if (health != null && !health.isBlank()) {
            band = health.trim().toLowerCase(Locale.ROOT);
            if (!BANDS.contains(band)) {
                problems.add("health: expected red, yellow, green or unscored, got '" + health + "'; showing every band");
                band = null;
            }
        }
        // "all" (or an empty choice) is everyone's renewals; no owner in the query is the default for who is asking.
        String who = owner == null ? defaultOwner : owner.isBlank() || owner.equals("all") ? null : owner.trim();
        int number = 1;
        if (page != null && !page.isBlank()) {
            try {
                number = Integer.parseInt(page.trim());
            } catch (NumberFormatException e) {
                number = 0;
            }
            if (number < 1) {
                problems.add("page: expected a number, 1 or more, got '" + page + "'; showing page 1");
                number = 1;
            }
        }
        return new RenewalSelection(chosen, who, parsedRisk, band, number, List.copyOf(problems));
    }

    boolean matches(Renewal renewal) {
        String band = renewal.healthBand() == null || renewal.healthBand().isBlank() || renewal.healthBand().equals("none")
                ? "unscored" : renewal.healthBand();
        return (risk == null || renewal.risk() == risk) && (health == null || health.equals(band));
    }

    List<Renewal> filter(List<Renewal> renewals) {
        return renewals.stream().filter(this::matches).toList();
    }

    /** The page asked for, of {@code rows} renewals; past the last page, the last page. */
    PageWindow window(int rows) {
        return PageWindow.of(page, PAGE_SIZE, rows);
    }

    /** The renewals on the window's page. */
    static List<Renewal> pageOf(List<Renewal> rows, PageWindow window) {
        return rows.subList((int) window.offset(), (int) window.last());
    }

    /** What the listed renewals add up to: the page's headline figures. */
    /**
     * {@code outcomeArr} is what the closed renewals renewed at; {@code outcomesFromContracts} counts those nobody
     * recorded, whose outcome the page reads from what the account renewed into.
     */
    record Totals(int renewals, BigDecimal arrDue, BigDecimal forecast, BigDecimal highRiskArr, BigDecimal outcomeArr,
            int outcomesRecorded, int outcomesFromContracts) {

        static Totals of(List<Renewal> renewals) {
            BigDecimal due = BigDecimal.ZERO;
            BigDecimal forecast = BigDecimal.ZERO;
            BigDecimal high = BigDecimal.ZERO;
            BigDecimal renewed = BigDecimal.ZERO;
            int recorded = 0;
            int fromContracts = 0;
            for (Renewal r : renewals) {
                due = due.add(r.arrDue());
                forecast = forecast.add(r.forecastArr());
                if (r.risk() == RenewalRisk.HIGH) {
                    high = high.add(r.arrDue());
                }
                if (r.outcomeArr() != null) {
                    renewed = renewed.add(r.outcomeArr());
                }
                if ("recorded".equals(r.outcomeSource())) {
                    recorded++;
                } else if ("contracts".equals(r.outcomeSource())) {
                    fromContracts++;
                }
            }
            return new Totals(renewals.size(), due, forecast, high, renewed, recorded, fromContracts);
        }
    }

    /** ARR due per month of the renewal date, split by risk: the page's stacked bars. */
    static Map<YearMonth, Map<RenewalRisk, BigDecimal>> byMonth(List<Renewal> renewals) {
        Map<YearMonth, Map<RenewalRisk, BigDecimal>> months = new TreeMap<>();
        for (Renewal r : renewals) {
            months.computeIfAbsent(YearMonth.from(r.renewalDate()), m -> {
                Map<RenewalRisk, BigDecimal> zero = new EnumMap<>(RenewalRisk.class);
                for (RenewalRisk level : RenewalRisk.values()) {
                    zero.put(level, BigDecimal.ZERO);
                }
                return zero;
            }).merge(r.risk(), r.arrDue(), BigDecimal::add);
        }
        return months;
    }
}
