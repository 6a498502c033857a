package org.lodestar.demo;

import org.lodestar.accounts.CoverageModel;

/**
 * The demo company's three segments and how their customers buy and renew. Lodestar derives an
 * account's segment from its ARR (bands at 100k and 25k), so the ARR limits here keep each planned
 * account inside its band; the renewal odds give each segment its own retention.
 */
enum Segment {
    ENTERPRISE, MID_MARKET, SMB;

    /** Odds of each renewal outcome, and how much an expansion adds or a contraction takes (as a share of ARR). */
    private record RenewalOdds(double churn, double contraction, double expansion, double minGrowth, double maxGrowth,
            double minShrink, double maxShrink) {
    }

    /** Share of logos: the usual pyramid, a few large accounts over a long tail of small ones. */
    double share() {
        return switch (this) {
            case ENTERPRISE -> 0.08;
            case MID_MARKET -> 0.30;
            case SMB -> 0.62;
        };
    }

    /** The lowest ARR an account keeps in this segment: the band's minimum, or for SMB the smallest deal sold. */
    long floorArr() {
        return switch (this) {
            case ENTERPRISE -> 100_000;
            case MID_MARKET -> 25_000;
            case SMB -> 3_000;
        };
    }

    /** The highest ARR an account reaches in this segment: just under the next band up. */
    long ceilingArr() {
        return switch (this) {
            case ENTERPRISE -> 750_000;
            case MID_MARKET -> 99_999;
            case SMB -> 24_999;
        };
    }

    /**
     * The ARR a first deal aims at. Enterprise deals are heavy-tailed (a Pareto truncated to 100k to
     * 600k: most near the bottom, a few very large); the others are log-uniform across their band,
     * so smaller deals are commoner.
     */
    double drawFirstDealArr(Dice dice) {
        return switch (this) {
            case ENTERPRISE -> truncatedPareto(dice.unit(), 100_000, 600_000, 1.4);
            case MID_MARKET -> logUniform(dice.unit(), 25_000, 100_000);
            case SMB -> logUniform(dice.unit(), 3_000, 25_000);
        };
    }

    CoverageModel coverage() {
        return switch (this) {
            case ENTERPRISE -> CoverageModel.HIGH_TOUCH;
            case MID_MARKET -> CoverageModel.TECH_TOUCH;
            case SMB -> CoverageModel.DIGITAL;
        };
    }

    /** The plan a new customer buys: a few mid-market customers buy enterprise, a third of SMB buys growth. */
    String drawPlan(Dice dice) {
        return switch (this) {
            case ENTERPRISE -> "enterprise";
            case MID_MARKET -> dice.chance(0.15) ? "enterprise" : "growth";
            case SMB -> dice.chance(0.30) ? "growth" : "starter";
        };
    }

    /** Chance that a first deal includes each add-on module: large customers buy the suite. */
    double addOnChance() {
        return switch (this) {
            case ENTERPRISE -> 0.55;
            case MID_MARKET -> 0.25;
            case SMB -> 0.08;
        };
    }

    /** Negotiated discount off the list price, in whole percent: the larger the deal, the larger the discount. */
    int drawDiscountPercent(Dice dice) {
        return switch (this) {
            case ENTERPRISE -> dice.between(10, 30);
            case MID_MARKET -> dice.between(0, 15);
            case SMB -> 0;
        };
    }

    /** Contract length in years: multi-year terms are an enterprise habit; SMB buys yearly. */
    int drawTermYears(Dice dice) {
        return switch (this) {
            case ENTERPRISE -> dice.chance(0.25) ? dice.between(2, 3) : 1;
            case MID_MARKET -> dice.chance(0.12) ? 2 : 1;
            case SMB -> 1;
        };
    }

    /** Share of customers whose contracts renew automatically: most small ones; enterprise negotiates each renewal. */
    double autoRenewShare() {
        return switch (this) {
            case ENTERPRISE -> 0.15;
            case MID_MARKET -> 0.45;
            case SMB -> 0.85;
        };
    }

    /** Chance that a contract gains seats or a module part-way through its term. */
    double midTermExpansionChance() {
        return switch (this) {
            case ENTERPRISE -> 0.30;
            case MID_MARKET -> 0.10;
            case SMB -> 0.04;
        };
    }

    /**
     * What happens at a renewal date. Per renewal, before the band limits, these odds give about:
     * enterprise GRR 96% and NRR 117%; mid-market GRR 91% and NRR 99%; SMB GRR 87% and NRR 97%, with
     * the most churn. With multi-year terms and mid-term expansions, a simulation over eight seeds put
     * the whole book's yearly GRR at 93-96% and NRR at 105-110%.
     */
    RenewalOutcome drawRenewal(Dice dice) {
        RenewalOdds odds = odds();
        double roll = dice.unit();
        if (roll < odds.churn()) {
            return RenewalOutcome.CHURN;
        }
        if (roll < odds.churn() + odds.contraction()) {
            return RenewalOutcome.CONTRACTION;
        }
        if (roll < odds.churn() + odds.contraction() + odds.expansion()) {
            return RenewalOutcome.EXPANSION;
        }
        return RenewalOutcome.FLAT;
    }

    /** How much an expansion adds, as a share of the seats. */
    double drawGrowth(Dice dice) {
        return dice.uniform(odds().minGrowth(), odds().maxGrowth());
    }

    /** How much a contraction takes, as a share of the seats. */
    double drawShrink(Dice dice) {
        return dice.uniform(odds().minShrink(), odds().maxShrink());
    }

    private RenewalOdds odds() {
        return switch (this) {
            case ENTERPRISE -> new RenewalOdds(0.03, 0.08, 0.60, 0.15, 0.55, 0.08, 0.25);
            case MID_MARKET -> new RenewalOdds(0.07, 0.10, 0.35, 0.10, 0.35, 0.10, 0.30);
            case SMB -> new RenewalOdds(0.11, 0.08, 0.30, 0.15, 0.50, 0.15, 0.35);
        };
    }

    private static double truncatedPareto(double unit, double low, double high, double alpha) {
        double tail = 1 - Math.pow(low / high, alpha);
        return low / Math.pow(1 - unit * tail, 1 / alpha);
    }

    private static double logUniform(double unit, double low, double high) {
        return low * Math.pow(high / low, unit);
    }
}
