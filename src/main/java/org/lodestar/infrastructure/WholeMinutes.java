package org.lodestar.infrastructure;

import org.lodestar.errors.InvalidInput;

/** Time a person says something took (an activity, a task): whole minutes from 1 to a day, or not said. */
public final class WholeMinutes {

    /** A day: the most one activity or task can record. */
    public static final int MOST = 1440;

    private WholeMinutes() {
    }

    /** The problem with these minutes, or null when they are fine or not given. */
    public static String problem(Integer minutes) {
        return minutes == null || minutes >= 1 && minutes <= MOST ? null : expected(String.valueOf(minutes));
    }

    /** A form's field: blank is not said; anything but a whole number from 1 to {@value #MOST} is named as a problem. */
    public static Integer parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String digits = text.trim();
        Integer minutes = digits.matches("[0-9]{1,9}") ? Integer.valueOf(digits) : null;
        if (minutes == null || problem(minutes) != null) {
            throw new InvalidInput(field, expected("'" + digits + "'"));
        }
        return minutes;
    }

    private static String expected(String got) {
        return "expected whole minutes from 1 to " + MOST + ", got " + got;
    }
}
