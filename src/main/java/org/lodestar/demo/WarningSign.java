package org.lodestar.demo;

/**
 * What CS teams believe drives churn, as the demo generator writes it into the book. Each sign adds
 * its weight to a term's hidden propensity; a troubled term shows each sign with one chance, a calm
 * term with a smaller one (a false alarm). The weights and chances are those of docs/demo.md.
 */
enum WarningSign {
    // weight in the propensity, chance in a troubled term, chance in a calm term
    /** Events and active days fall towards the renewal. */
    FALLING_USAGE(1.0, 0.70, 0.06),
    /** Fewer and fewer of the paid seats are used. */
    IDLE_LICENCES(0.7, 0.50, 0.08),
    /** The economic sponsor or the champion leaves and nobody is named in their place. */
    KEY_CONTACT_GONE(1.2, 0.35, 0.03),
    /** NPS answers of 0 to 6, with complaints, and bad CSAT. */
    DETRACTORS(0.9, 0.55, 0.08),
    /** Urgent and high-priority tickets that stay open for weeks. */
    URGENT_TICKETS(0.7, 0.50, 0.06),
    /** Invoices paid weeks after their due date, or not at all. */
    LATE_INVOICES(0.8, 0.40, 0.04),
    /** A new customer that never had its kickoff and uses few of its seats and modules (first term only). */
    STALLED_ONBOARDING(1.0, 0.60, 0.05);

    private final double weight;
    private final double whenTroubled;
    private final double falseAlarm;

    WarningSign(double weight, double whenTroubled, double falseAlarm) {
        this.weight = weight;
        this.whenTroubled = whenTroubled;
        this.falseAlarm = falseAlarm;
    }

    double weight() {
        return weight;
    }

    double chance(boolean troubled) {
        return troubled ? whenTroubled : falseAlarm;
    }
}
