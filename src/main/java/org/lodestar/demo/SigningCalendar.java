package org.lodestar.demo;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * When customers signed their first contract, over the last three years: recent months weigh more
 * (the company is growing) and quarter ends more (sales closes at quarter end), year end most. Since
 * renewals fall on anniversaries, the same seasonality shows in the renewal calendar.
 */
final class SigningCalendar {

    /** How far back the oldest customers signed. */
    static final int MONTHS = 36;
    /** The newest month weighs this much more than the oldest (1 + 1.5): steady growth. */
    private static final double GROWTH = 1.5;
    /** Share of a quarter-end month's deals that close in its last ten days. */
    private static final double QUARTER_END_RUSH = 0.6;

    private final LocalDate today;
    private final double[] weights = new double[MONTHS];

    SigningCalendar(LocalDate today) {
        this.today = today;
        YearMonth current = YearMonth.from(today);
        for (int back = 0; back < MONTHS; back++) {
            double growth = 1 + GROWTH * (MONTHS - 1 - back) / (MONTHS - 1);
            weights[back] = growth * seasonality(current.minusMonths(back).getMonthValue());
        }
        // Only the days of this month already past can have signings (none when today is the 1st).
        weights[0] *= (today.getDayOfMonth() - 1) / (double) today.lengthOfMonth();
    }

    /** Quarter ends are busy, December busiest; January and the summer are quiet. */
    static double seasonality(int month) {
        return switch (month) {
            case 12 -> 2.4;
            case 3, 6, 9 -> 1.6;
            case 1, 7, 8 -> 0.8;
            default -> 1.0;
        };
    }

    /** A first day as a customer, before today. */
    LocalDate draw(Dice dice) {
        int back = dice.weighted(weights);
        YearMonth month = YearMonth.from(today).minusMonths(back);
        LocalDate first = month.atDay(1);
        LocalDate last = back == 0 ? today.minusDays(1) : month.atEndOfMonth();
        LocalDate rushStart = month.atEndOfMonth().minusDays(9);
        boolean quarterEnd = month.getMonthValue() % 3 == 0;
        if (quarterEnd && !rushStart.isAfter(last) && dice.chance(QUARTER_END_RUSH)) {
            first = rushStart;
        }
        return dice.dayBetween(first, last);
    }
}
