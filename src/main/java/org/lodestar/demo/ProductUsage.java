package org.lodestar.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lodestar.revenue.SubscriptionDraft;
import org.lodestar.usage.TrackedMessage;

/**
 * How a demo customer's people used the product over the last {@value #DAYS} days, as the tracking
 * calls its app would have sent. Each customer has a pattern: a troubled one fades, others grow, hold
 * flat or swing with the month; some use more seats than they pay for. Churned customers are gone.
 */
final class ProductUsage {

    static final int DAYS = 120;
    /** Fewer people are modelled than the largest accounts have seats, to keep the demo quick to build. */
    private static final int MOST_USERS = 80;
    private static final Map<String, List<String>> FEATURES = Map.of(
            "core", List.of("Dashboard Viewed", "Record Updated", "Search", "Comment Added"),
            "analytics", List.of("Report Viewed", "Report Exported"),
            "automation", List.of("Workflow Run", "Rule Created"),
            "integrations", List.of("Integration Synced"));

    enum Pattern { GROWING, FLAT, SEASONAL, FADING }

    /** A customer's usage: its pattern, how many seats it pays for and how many people it has, and the calls. */
    record Plan(Pattern pattern, int seats, int users, List<TrackedMessage> calls) {
    }

    private ProductUsage() {
    }

    static Plan plan(Dice dice, CustomerPlan customer, LocalDate today, boolean troubled) {
        ContractHistory history = customer.history();
        if (history.churned() && history.churnedOn().isBefore(today.minusDays(DAYS))) {
            return new Plan(Pattern.FADING, 0, 0, List.of());
        }
        Pattern pattern = troubled || history.churned() ? Pattern.FADING
                : Pattern.values()[dice.weighted(new double[] { 0.35, 0.35, 0.30, 0 })];
        int seats = 0;
        Set<String> modules = new LinkedHashSet<>();
        ContractPlan current = history.contracts().getLast();
        for (SubscriptionDraft.Item item : current.draft().lineItems()) {
            seats = Math.max(seats, item.seats() == null ? 0 : item.seats());
            modules.add(item.module() == null ? "core" : item.module());
        }
        boolean overUsing = pattern != Pattern.FADING && dice.chance(0.12);
        double adoption = pattern == Pattern.FADING ? dice.uniform(0.45, 0.75)
                : overUsing ? dice.uniform(1.2, 1.45) : dice.uniform(0.55, 0.95);
        int users = (int) Math.max(1, Math.min(overUsing ? 2 * MOST_USERS : MOST_USERS, Math.round(seats * adoption)));
        List<String> features = new ArrayList<>();
        modules.forEach(module -> features.addAll(FEATURES.getOrDefault(module, FEATURES.get("core"))));
        String group = customer.company().productGroupId();
        List<TrackedMessage> calls = new ArrayList<>();
        LocalDate last = history.churned() ? history.churnedOn().minusDays(1) : today;
        int sequence = 0;
        for (int back = DAYS - 1; back >= 0; back--) {
            LocalDate day = today.minusDays(back);
            if (day.isAfter(last)) {
                break;
            }
            double level = level(pattern, back);
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            double chance = (weekend ? 0.02 : 0.15) * Math.min(1.0, level);
            int present = (int) Math.round(users * Math.min(1.0, level));
            for (int user = 0; user < present; user++) {
                if (!dice.chance(chance)) {
                    continue;
                }
                int events = dice.between(1, 2);
                for (int e = 0; e < events; e++) {
                    String feature = features.get(dice.between(0, features.size() - 1));
                    String module = moduleOf(feature);
                    String userId = customer.externalId().toLowerCase() + "-user-" + user;
                    java.time.Instant at = day.atTime(8 + dice.between(0, 9), dice.between(0, 59))
                            .toInstant(ZoneOffset.UTC);
                    String messageId = "demo-" + customer.externalId() + "-" + sequence++;
                    String payload = "{\"type\":\"track\",\"messageId\":\"" + messageId + "\",\"userId\":\"" + userId
                            + "\",\"event\":\"" + feature + "\",\"timestamp\":\"" + at + "\",\"properties\":{\"module\":\""
                            + module + "\"},\"context\":{\"groupId\":\"" + group + "\"}}";
                    calls.add(new TrackedMessage("track", messageId, feature, module, userId, group, at, null, payload));
                }
            }
        }
        return new Plan(pattern, seats, users, calls);
    }

    /** How much of the customer's usual activity happens {@code back} days before today. */
    static double level(Pattern pattern, int back) {
        double progress = (DAYS - 1 - back) / (double) (DAYS - 1);
        return switch (pattern) {
            case GROWING -> 0.65 + 0.5 * progress;
            case FLAT -> 1.0;
            case SEASONAL -> 0.8 + 0.25 * Math.sin(2 * Math.PI * back / 30.0);
            case FADING -> 1.0 - 0.6 * progress;
        };
    }

    private static String moduleOf(String feature) {
        return FEATURES.entrySet().stream().filter(e -> e.getValue().contains(feature)).map(Map.Entry::getKey)
                .findFirst().orElse("core");
    }
}
