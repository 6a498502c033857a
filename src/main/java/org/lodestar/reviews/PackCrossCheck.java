package org.lodestar.reviews;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every total a pack shows, against the sum of its parts: the ARR bridge (to the cent), tickets by priority, milestones
 * done and open, modules used and unused, each year of the multi-year view, and each figure the CSM stated. A pack
 * with any mismatch is refused before it is rendered.
 */
public final class PackCrossCheck {

    private PackCrossCheck() {
    }

    /** A total shown, the sum of its parts, and the parts (label and value) that make it. */
    public record Total(String figure, BigDecimal stated, String unit, List<StatedFigure.Part> parts) {

        public BigDecimal sum() {
            return parts.stream().map(StatedFigure.Part::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /** Equal to the cent. */
        public boolean adds() {
            return cents(stated).compareTo(cents(sum())) == 0;
        }

        /** "ROI: stated 250000.00 USD, but its parts sum to 230000.00 (Hours saved 120000.00 + Fewer tickets 110000.00)". */
        public String mismatch() {
            return figure + ": stated " + plain(stated) + (unit.isEmpty() ? "" : " " + unit) + ", but its parts sum to "
                    + plain(sum()) + " (" + parts.stream().map(p -> p.label() + " " + plain(p.value()))
                            .collect(Collectors.joining(" + ")) + ")";
        }
    }

    /** Every total of the pack with its parts, in the order the slides show them. */
    public static List<Total> totals(ReviewPack pack) {
        List<Total> totals = new ArrayList<>();
        String quarter = pack.quarter().label();
        ReviewPack.ArrBridge arr = pack.arr();
        totals.add(new Total("ARR at the end of " + quarter, arr.end(), "", List.of(part("ARR at the start", arr.start()),
                part("New", arr.newArr()), part("Expansion", arr.expansion()), part("Reactivation", arr.reactivation()),
                part("Contraction", arr.contraction().negate()), part("Churn", arr.churn().negate()))));
        ReviewPack.PlanValue plan = pack.plan();
        totals.add(new Total("Milestones planned", BigDecimal.valueOf(plan.planned()), "",
                List.of(part("Done", plan.doneCount()), part("Open", plan.openCount()))));
        ReviewPack.SupportSummary support = pack.support();
        totals.add(new Total("Tickets opened in " + quarter, BigDecimal.valueOf(support.opened()), "", support.byPriority()
                .stream().map(p -> part(p.priority(), p.tickets())).toList()));
        ReviewPack.Adoption adoption = pack.adoption();
        totals.add(new Total("Modules contracted", BigDecimal.valueOf(adoption.contracted()), "",
                List.of(part("Used", adoption.used().size()), part("Not used", adoption.unused().size()))));
        if (pack.longView() != null) {
            for (ReviewPack.YearArr year : pack.longView().years()) {
                totals.add(new Total("ARR at the end of " + year.year(), year.end(), "",
                        List.of(part("ARR at the start", year.start()), part("Movements", year.movements()))));
            }
        }
        for (StatedFigure figure : pack.figures()) {
            totals.add(new Total(figure.label(), figure.stated(), figure.unit() == null ? "" : figure.unit(), figure.parts()));
        }
        return totals;
    }

    /** The totals that do not add up; empty when the pack may be rendered. */
    public static List<Total> mismatches(ReviewPack pack) {
        return totals(pack).stream().filter(t -> !t.adds()).toList();
    }

    /** The pack, once every total adds up; refused (naming each figure, its stated value and the sum) otherwise. */
    public static ReviewPack verify(ReviewPack pack) {
        List<Total> wrong = mismatches(pack);
        if (!wrong.isEmpty()) {
            throw new PackRefused(wrong);
        }
        return pack;
    }

    private static StatedFigure.Part part(String label, BigDecimal value) {
        return new StatedFigure.Part(label, value);
    }

    private static StatedFigure.Part part(String label, long value) {
        return new StatedFigure.Part(label, BigDecimal.valueOf(value));
    }

    private static BigDecimal cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= 0 ? value.setScale(0, RoundingMode.UNNECESSARY).toPlainString()
                : cents(value).toPlainString();
    }
}
