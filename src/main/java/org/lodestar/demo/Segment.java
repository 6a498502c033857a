package org.lodestar.demo;

import org.lodestar.accounts.CoverageModel;

/**
 * The demo company's three segments and how their customers buy and renew. Lodestar derives an
 * account's segment from its ARR (bands at 100k and 25k), so the ARR limits here keep each planned
 * account inside its band; the renewal odds give each segment its own retention.
 */
enum Segment {
    // share of logos, lowest and highest ARR kept in the band, coverage, add-on chance, auto-renew share,
    // mid-term expansion chance, renewal odds
    ENTERPRISE(0.08, 100_000, 750_000, CoverageModel.HIGH_TOUCH, 0.55, 0.15, 0.55,
            new RenewalOdds(0.12, 0.01, -5.2, 1.4, 0.15, 0.55, 0.08, 0.25)),
    MID_MARKET(0.30, 25_000, 99_999, CoverageModel.TECH_TOUCH, 0.25, 0.45, 0.25,
            new RenewalOdds(0.18, 0.02, -4.6, 0.5, 0.10, 0.35, 0.10, 0.30)),
    SMB(0.62, 3_000, 24_999, CoverageModel.DIGITAL, 0.08, 0.85, 0.04,
            new RenewalOdds(0.25, 0.03, -4.1, 0.0, 0.15, 0.50, 0.15, 0.35));

    /**
     * How a segment's renewals go (see {@link TermRisk#outcome}): the share of terms in trouble, the chance
     * of a churn nobody could foresee, the intercepts of the churn and expansion odds, and how much an
     * expansion adds or a contraction takes (as a share of ARR).
     */
    private record RenewalOdds(double troubleChance, double unforeseeableChurn, double churnIntercept,
            double expansionIntercept, double minGrowth, double maxGrowth, double minShrink, double maxShrink) {
    }

    /** Share of logos: the usual pyramid, a few large accounts over a long tail of small ones. */
    private final double share;
    /** The lowest ARR an account keeps: the band's minimum, or for SMB the smallest deal sold. */
    private final long floorArr;
    /** The highest ARR an account reaches: just under the next band up. */
    private final long ceilingArr;
    private final CoverageModel coverage;
    /** Chance that a first deal includes each add-on module: large customers buy the suite. */
    private final double addOnChance;
    /** Share of contracts that renew automatically: most small ones; enterprise negotiates each renewal. */
    private final double autoRenewShare;
    /** Chance that a contract gains seats or a module part-way through its term. */
    private final double midTermExpansionChance;
    private final RenewalOdds odds;

    Segment(double share, long floorArr, long ceilingArr, CoverageModel coverage, double addOnChance,
            double autoRenewShare, double midTermExpansionChance, RenewalOdds odds) {
        this.share = share;
        this.floorArr = floorArr;
        this.ceilingArr = ceilingArr;
        this.coverage = coverage;
        this.addOnChance = addOnChance;
        this.autoRenewShare = autoRenewShare;
        this.midTermExpansionChance = midTermExpansionChance;
        this.odds = odds;
    }

    double share() {
        return share;
    }

    long floorArr() {
        return floorArr;
    }

    long ceilingArr() {
        return ceilingArr;
    }

    CoverageModel coverage() {
        return coverage;
    }

    double addOnChance() {
        return addOnChance;
    }

    double autoRenewShare() {
        return autoRenewShare;
    }

    double midTermExpansionChance() {
        return midTermExpansionChance;
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

    /** The plan a new customer buys: a few mid-market customers buy enterprise, a third of SMB buys growth. */
    String drawPlan(Dice dice) {
        return switch (this) {
            case ENTERPRISE -> "enterprise";
            case MID_MARKET -> dice.chance(0.15) ? "enterprise" : "growth";
            case SMB -> dice.chance(0.30) ? "growth" : "starter";
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

    /** Share of contract terms in which the customer gets into trouble before the renewal. */
    double troubleChance() {
        return odds.troubleChance();
    }

    /** Chance that a renewal is lost to something no sign could show: an acquisition, a budget cut. */
    double unforeseeableChurn() {
        return odds.unforeseeableChurn();
    }

    /** The churn odds' intercept: SMB churns most, enterprise least. */
    double churnIntercept() {
        return odds.churnIntercept();
    }

    /** The expansion odds' intercept: enterprise expands most, SMB least. */
    double expansionIntercept() {
        return odds.expansionIntercept();
    }

    /** How much an expansion adds, as a share of the seats. */
    double drawGrowth(Dice dice) {
        return dice.uniform(odds.minGrowth(), odds.maxGrowth());
    }

    /** How much a contraction takes, as a share of the seats. */
    double drawShrink(Dice dice) {
        return dice.uniform(odds.minShrink(), odds.maxShrink());
    }

    private static double truncatedPareto(double unit, double low, double high, double alpha) {
        double tail = 1 - Math.pow(low / high, alpha);
        return low / Math.pow(1 - unit * tail, 1 / alpha);
    }

    private static double logUniform(double unit, double low, double high) {
        return low * Math.pow(high / low, unit);
    }
}
