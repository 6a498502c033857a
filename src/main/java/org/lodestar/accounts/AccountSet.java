package org.lodestar.accounts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.lodestar.infrastructure.IdLists;
import org.lodestar.infrastructure.SqlFilter;

/**
 * The accounts a bulk read of facts covers: every account (no condition, one pass over the table) or a
 * list of them, read a bounded {@code in (…)} list at a time ({@link IdLists}). Every module's facts take one, so a
 * scorecard, a signal rule, the backtest and the model read the same numbers the same way.
 */
public final class AccountSet {

    private final List<Long> ids;

    private AccountSet(List<Long> ids) {
        this.ids = ids;
    }

    public static AccountSet all() {
        return new AccountSet(null);
    }

    public static AccountSet of(Collection<Long> ids) {
        return new AccountSet(List.copyOf(new TreeSet<>(ids)));
    }

    /**
     * The accounts to read for these ids (null: every account): from 100 accounts on, when they are also a twentieth
     * of a book of {@code bookSize} or more, the whole book, whose extra rows the reader leaves out. Reading by id lists
     * costs about twenty times more per account than one pass over everything (measured on PostgreSQL with 100,000
     * accounts; on H2 a long id list also costs a comparison per row and id); a few accounts are read by their ids.
     */
    public static AccountSet toRead(Collection<Long> ids, long bookSize) {
        return ids == null || ids.size() >= 100 && ids.size() * 20L >= bookSize ? all() : of(ids);
    }

    public boolean isAll() {
        return ids == null;
    }

    /** The listed accounts, in id order; empty for "every account". */
    public List<Long> ids() {
        return ids == null ? List.of() : ids;
    }

    /**
     * Narrows a filter to these accounts in one statement, so that a list of them can be paged and counted in the
     * database: nothing for every account, {@code column in (?, …)} for the listed ones, no row at all for none. (One
     * user's accounts, hundreds, fit one statement; for many thousands read {@link #inParts} instead.)
     */
    public SqlFilter within(SqlFilter where, String column) {
        if (ids == null) {
            return where;
        }
        if (ids.isEmpty()) {
            return where.and(true, "1 = 0");
        }
        return where.and(true, column + " in (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")",
                ids.toArray());
    }

    /**
     * Runs {@code read} once for every account (one part with no condition) or once per chunk of the
     * listed ones; each part adds {@link Part#where} to its statement and {@link Part#params} after its own.
     */
    public void inParts(Consumer<Part> read) {
        if (ids == null) {
            read.accept(new Part("", List.of()));
        } else {
            IdLists.inChunks(ids, (in, params) -> read.accept(new Part(in, params)));
        }
    }

    /** One statement's share of the accounts: an {@code in} list of ids and its parameters, or nothing for every account. */
    public static final class Part {

        private final String in;
        private final List<Object> ids;

        private Part(String in, List<Object> ids) {
            this.in = in;
            this.ids = ids;
        }

        /** {@code ""} for every account, else {@code " and column in (?, …)"}. */
        public String where(String column) {
            return in.isEmpty() ? "" : " and " + column + in;
        }

        /** The statement's own parameters followed by this part's ids. */
        public List<Object> params(Object... own) {
            List<Object> all = new ArrayList<>(List.of(own));
            all.addAll(ids);
            return all;
        }
    }
}
