package org.lodestar.demo;

import java.time.DayOfWeek;
import java.time.Instant;
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
 * calls its app would have sent. Each customer has a pattern: some have grown lately, others hold flat
 * or swing with the month, and some use more seats than they pay for. A term's warning signs show from
 * the day its trouble starts: people use the product less and less ({@link WarningSign#FALLING_USAGE}),
 * fewer of the seats are used ({@link WarningSign#IDLE_LICENCES}), and a stalled onboarding uses few
 * seats and only the core module ({@link WarningSign#STALLED_ONBOARDING}). Churned customers are gone.
 */
final class ProductUsage {

    static final int DAYS = CustomerSignals.DAYS;
    /** A growing customer's ramp covers the last this many days. */
    private static final int GROWTH_DAYS = 120;
    /** Fewer people are modelled than the largest accounts have seats, to keep the demo quick to build. */
    private static final int MOST_USERS = 80;
    /** By the renewal, falling usage has lost this share of the activity, idle licences this share of the people. */
    private static final double FALL = 0.7;
    private static final double IDLE = 0.6;
    /** A stalled onboarding brings this share of the usual people on board. */
    private static final double STALLED = 0.35;
    private static final Map<String, List<String>> FEATURES = Map.of(
            "core", List.of("Dashboard Viewed", "Record Updated", "Search", "Comment Added"),
            "analytics", List.of("Report Viewed", "Report Exported"),
            "automation", List.of("Workflow Run", "Rule Created"),
            "integrations", List.of("Integration Synced"));

    enum Pattern { GROWING, FLAT, SEASONAL }

    /** A customer's usage: its pattern, how many seats it pays for today and how many people use them, and the calls. */
    record Plan(Pattern pattern, int seats, int users, List<TrackedMessage> calls) {
    }

    private ProductUsage() {
    }

    static Plan plan(Dice dice, CustomerPlan customer, LocalDate today) {
        ContractHistory history = customer.history();
        if (history.churned() && history.churnedOn().isBefore(today.minusDays(DAYS))) {
            return new Plan(Pattern.FLAT, 0, 0, List.of());
        }
        Pattern pattern = Pattern.values()[dice.weighted(new double[] { 0.35, 0.35, 0.30 })];
        boolean overUsing = dice.chance(0.12);
        double adoption = overUsing ? dice.uniform(1.2, 1.45) : dice.uniform(0.55, 0.95);
        String group = customer.company().productGroupId();
        List<TrackedMessage> calls = new ArrayList<>();
        LocalDate last = history.churned() ? history.churnedOn().minusDays(1) : today;
        int sequence = 0;
        for (int back = DAYS - 1; back >= 0; back--) {
            LocalDate day = today.minusDays(back);
            if (day.isAfter(last)) {
                break;
            }
            if (day.isBefore(history.customerSince())) {
                continue;
            }
            ContractPlan term = history.termOn(day);
            boolean stalled = term.risk().shows(WarningSign.STALLED_ONBOARDING);
            List<String> features = features(term.dealOn(day), stalled);
            double people = adoption * (stalled ? STALLED : 1.0);
            if (term.shows(WarningSign.IDLE_LICENCES, day)) {
                people *= 1 - IDLE * term.trouble(day);
            }
            double activity = level(pattern, back);
            if (term.shows(WarningSign.FALLING_USAGE, day)) {
                activity *= 1 - FALL * term.trouble(day);
            }
            int users = (int) Math.max(1, Math.min(overUsing ? 2 * MOST_USERS : MOST_USERS,
                    Math.round(seats(term.dealOn(day)) * people)));
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            double chance = (weekend ? 0.02 : 0.15) * Math.min(1.0, activity);
            int present = (int) Math.round(users * Math.min(1.0, activity));
            for (int user = 0; user < present; user++) {
                if (!dice.chance(chance)) {
                    continue;
                }
                String feature = features.get(dice.between(0, features.size() - 1));
                String module = moduleOf(feature);
                String userId = customer.externalId().toLowerCase() + "-user-" + user;
                Instant at = day.atTime(8 + dice.between(0, 9), dice.between(0, 59)).toInstant(ZoneOffset.UTC);
                String messageId = "demo-" + customer.externalId() + "-" + sequence++;
                String payload = "{\"type\":\"track\",\"messageId\":\"" + messageId + "\",\"userId\":\"" + userId
                        + "\",\"event\":\"" + feature + "\",\"timestamp\":\"" + at + "\",\"properties\":{\"module\":\""
                        + module + "\"},\"context\":{\"groupId\":\"" + group + "\"}}";
                calls.add(new TrackedMessage("track", messageId, feature, module, userId, group, at, null, payload));
            }
        }
        int seatsToday = seats(history.current().dealOn(last));
        return new Plan(pattern, seatsToday, (int) Math.round(seatsToday * adoption), calls);
    }

    /** How much of the customer's usual activity happens {@code back} days before today. */
    static double level(Pattern pattern, int back) {
        double progress = Math.max(0, (GROWTH_DAYS - 1 - back) / (double) (GROWTH_DAYS - 1));
        return switch (pattern) {
            case GROWING -> 0.65 + 0.5 * progress;
            case FLAT -> 1.0;
            case SEASONAL -> 0.8 + 0.25 * Math.sin(2 * Math.PI * back / 30.0);
        };
    }

    private static int seats(Deal deal) {
        int seats = 0;
        for (SubscriptionDraft.Item item : deal.items()) {
            seats = Math.max(seats, item.seats() == null ? 0 : item.seats());
        }
        return seats;
    }

    /** The features of the modules the deal includes; a stalled onboarding uses the core only. */
    private static List<String> features(Deal deal, boolean stalled) {
        Set<String> modules = new LinkedHashSet<>();
        for (SubscriptionDraft.Item item : deal.items()) {
            modules.add(item.module() == null || stalled ? "core" : item.module());
        }
        List<String> features = new ArrayList<>();
        modules.forEach(module -> features.addAll(FEATURES.getOrDefault(module, FEATURES.get("core"))));
        return features;
    }

    private static String moduleOf(String feature) {
        return FEATURES.entrySet().stream().filter(e -> e.getValue().contains(feature)).map(Map.Entry::getKey)
                .findFirst().orElse("core");
    }
}
