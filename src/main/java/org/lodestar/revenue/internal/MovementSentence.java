package org.lodestar.revenue.internal;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.lodestar.revenue.ArrHistory.PartChange;
import org.lodestar.revenue.MovementKind;

/**
 * An ARR movement as a CSM reads it, from its kind, its amount, the ARR after it and the parts of the
 * contracts that changed that day: "Renewed at $120,000 (+$20,000)", "Analytics module ended: −$18,000".
 * The ledger's own reason stays beside it for those who need the detail.
 */
final class MovementSentence {

    /** Modules as a CSM lists them: the core product first, then the add-ons by name. */
    static final Comparator<String> MODULE_ORDER = Comparator.comparing((String module) -> !"core".equals(module))
            .thenComparing(Comparator.naturalOrder());

    private final Function<BigDecimal, String> whole;
    private final Function<BigDecimal, String> change;

    /** {@code whole} writes an amount ("$120,000"), {@code change} a signed one ("+$20,000"). */
    MovementSentence(Function<BigDecimal, String> whole, Function<BigDecimal, String> change) {
        this.whole = whole;
        this.change = change;
    }

    /**
     * The sentence for a movement; a {@code scheduled} one (after today) is said as what the contracts will
     * do, so a term that simply runs out is not called a churn before the renewal is decided.
     */
    String of(MovementKind kind, BigDecimal amount, BigDecimal arrAfter, List<PartChange> parts, boolean scheduled) {
        List<PartChange> started = parts.stream().filter(PartChange::started).toList();
        List<PartChange> ended = parts.stream().filter(PartChange::ended).toList();
        List<PartChange> resized = parts.stream().filter(p -> !p.started() && !p.ended()).toList();
        switch (kind) {
            case NEW:
                return "New business at " + whole.apply(arrAfter) + plans(started);
            case REACTIVATION:
                return "Came back at " + whole.apply(arrAfter) + plans(started);
            case CHURN:
                return scheduled ? "Every contract ends, unless renewed: " + change.apply(amount)
                        : "Churned: every contract ended, " + change.apply(amount);
            default:
                break;
        }
        if (!started.isEmpty() && !ended.isEmpty() && renews(started, ended)) {
            BigDecimal renewed = started.stream().map(p -> p.after().arr()).reduce(BigDecimal.ZERO, BigDecimal::add);
            return (scheduled ? "Renews at " : "Renewed at ") + whole.apply(renewed) + " (" + change.apply(amount) + ")";
        }
        if (started.isEmpty() && resized.isEmpty() && !ended.isEmpty()) {
            return modules(ended) + (scheduled ? " ends: " : " ended: ") + change.apply(amount);
        }
        if (ended.isEmpty() && resized.isEmpty() && !started.isEmpty()) {
            return modules(started) + (scheduled ? " starts: " : " added: ") + change.apply(amount);
        }
        if (started.isEmpty() && ended.isEmpty() && resized.size() == 1) {
            PartChange part = resized.getFirst();
            String what = title(part.plan()) + " · " + part.module();
            return part.before().seats() == part.after().seats()
                    ? "Price of " + what + " changed: " + change.apply(amount)
                    : "Seats on " + what + " " + part.before().seats() + " → " + part.after().seats() + ": "
                            + change.apply(amount);
        }
        return (amount.signum() >= 0 ? "Grew to " : "Shrank to ") + whole.apply(arrAfter) + " (" + change.apply(amount) + ")";
    }

    /** A renewal: what started carries on at least one plan and module that ended, under another contract. */
    private static boolean renews(List<PartChange> started, List<PartChange> ended) {
        return started.stream().anyMatch(s -> ended.stream()
                .anyMatch(e -> e.module().equals(s.module()) && !e.subscription().equals(s.subscription())));
    }

    /** ": Growth · core, analytics", or nothing when no part started. */
    private static String plans(List<PartChange> started) {
        if (started.isEmpty()) {
            return "";
        }
        String plans = started.stream().map(p -> title(p.plan())).distinct().collect(Collectors.joining(", "));
        String modules = started.stream().map(PartChange::module).distinct().sorted(MODULE_ORDER)
                .collect(Collectors.joining(", "));
        return ": " + plans + " · " + modules;
    }

    /** "Analytics module", "Analytics and reporting modules". */
    private static String modules(List<PartChange> parts) {
        List<String> names = parts.stream().map(PartChange::module).filter(Objects::nonNull).distinct()
                .sorted(Comparator.naturalOrder()).toList();
        String joined = names.size() == 1 ? names.getFirst()
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
        return title(joined) + (names.size() == 1 ? " module" : " modules");
    }

    static String title(String word) {
        return word == null || word.isEmpty() ? "" : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }
}
