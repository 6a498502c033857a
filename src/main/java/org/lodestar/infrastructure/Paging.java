package org.lodestar.infrastructure;

import org.lodestar.errors.InvalidInput;

/**
 * The range checks of the paging parameters of list endpoints ({@code limit}, {@code page}, {@code size}): a
 * value out of range is a 400 naming the parameter and the range, never silently replaced by another one.
 */
public final class Paging {

    /** Far beyond any book, so that it only stops offsets that would make the database skip millions of rows. */
    public static final int MAX_PAGE = 100_000;

    private Paging() {
    }

    /** {@code value} when it is from {@code min} to {@code max}; otherwise an {@link InvalidInput} naming {@code parameter}. */
    public static int within(String parameter, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidInput(parameter, "expected a whole number from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    /** How many items to answer with: 1 to {@code most}. */
    public static int limit(int requested, int most) {
        return within("limit", requested, 1, most);
    }

    /** Which page, counted from 0. */
    public static int page(int requested) {
        return within("page", requested, 0, MAX_PAGE);
    }

    /** How many items a page holds: 1 to {@code most}. */
    public static int size(int requested, int most) {
        return within("size", requested, 1, most);
    }
}
