package org.lodestar.infrastructure;

/**
 * The page of a list a person is reading: pages counted from 1, a fixed size, and which rows of how many matched it
 * shows ("rows 51–100 of 230"). A page past the end shows the last one, so a bookmark outliving its rows still shows
 * some.
 */
public record PageWindow(int page, int size, long total) {

    public PageWindow {
        if (size < 1) {
            throw new IllegalArgumentException("a page holds at least one row, got " + size);
        }
    }

    /** The requested page (from 1) of {@code total} rows, kept within the pages there are. */
    public static PageWindow of(int requested, int size, long total) {
        long pages = Math.max(1, (total + size - 1) / size);
        return new PageWindow((int) Math.max(1, Math.min(requested, pages)), size, total);
    }

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    /** How many rows come before this page's first. */
    public long offset() {
        return (long) (page - 1) * size;
    }

    /** The number of the page's first row, from 1; 0 when nothing matched. */
    public long first() {
        return total == 0 ? 0 : offset() + 1;
    }

    /** The number of the page's last row. */
    public long last() {
        return Math.min(total, offset() + size);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages();
    }
}
