package org.lodestar.people;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Each user's saved views of a page: a name for a page's filters and sort. A view is its owner's alone and changes no
 * customer data, so it is not audited and read-only users keep views too.
 */
@Service
public class SavedViews {

    public static final int MAX_NAME = 80;
    public static final int MAX_QUERY = 1000;
    /** Views a user keeps per page: enough for every segment × band, few enough to pick from a list. */
    public static final int MAX_PER_PAGE = 50;

    /** A query string as the pages write it: no '#', no markup, nothing a redirect could be turned with. */
    private static final Pattern QUERY = Pattern.compile("[A-Za-z0-9%._~=&+@:,-]*");

    private static final String SELECT = "select id, user_id, page, name, query, created_at from saved_view";

    private final JdbcClient jdbc;
    private final Clock clock;

    SavedViews(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The user's views of a page, by name. */
    public List<SavedView> of(long userId, String page) {
        return jdbc.sql(SELECT + " where user_id = ? and page = ? order by lower(name), id").params(userId, page)
                .query(SavedViews::map).list();
    }

    /** Every user's views, by user, page and name. */
    public List<SavedView> all() {
        return jdbc.sql(SELECT + " order by user_id, page, lower(name), id").query(SavedViews::map).list();
    }

    /** Saves a view; the name is trimmed, required, at most 80 characters and not yet used by this user on this page. */
    public SavedView save(long userId, String page, String name, String query) {
        String trimmed = name == null ? "" : name.trim();
        String cleanQuery = query == null ? "" : query.replaceFirst("^\\?", "");
        InvalidInput.Collector problems = new InvalidInput.Collector();
        if (trimmed.isEmpty()) {
            problems.add("name", "give the view a name");
        } else {
            problems.maxLength("name", trimmed, MAX_NAME);
        }
        if (cleanQuery.length() > MAX_QUERY) {
            problems.add("query", "at most " + MAX_QUERY + " characters, got " + cleanQuery.length());
        } else if (!QUERY.matcher(cleanQuery).matches()) {
            problems.add("query", "expected the page's filters as a query string");
        }
        problems.throwIfAny();
        if (of(userId, page).size() >= MAX_PER_PAGE) {
            throw new Conflict("you keep " + MAX_PER_PAGE + " views of this page already: delete one first");
        }
        if (of(userId, page).stream().anyMatch(v -> v.name().equalsIgnoreCase(trimmed))) {
            throw duplicate(trimmed);
        }
        Instant now = clock.instant();
        try {
            jdbc.sql("insert into saved_view (user_id, page, name, query, created_at) values (?, ?, ?, ?, ?)")
                    .params(userId, page, trimmed, cleanQuery, Timestamp.from(now)).update();
        } catch (DuplicateKeyException e) {
            throw duplicate(trimmed);
        }
        return of(userId, page).stream().filter(v -> v.name().equals(trimmed)).findFirst().orElseThrow();
    }

    /**
     * Saves a view read back from a whole-book export, checked as a save is, unless the user has a view of that name
     * on that page already (theirs is kept). Whether it was saved.
     */
    public boolean restoreOnce(long userId, String page, String name, String query) {
        if (name != null && of(userId, page).stream().anyMatch(v -> v.name().equalsIgnoreCase(name.trim()))) {
            return false;
        }
        save(userId, page, name, query);
        return true;
    }

    /** Deletes one of the user's views; another user's view is not found, as if it did not exist. */
    public SavedView delete(long userId, long viewId) {
        SavedView view = jdbc.sql(SELECT + " where id = ? and user_id = ?").params(viewId, userId)
                .query(SavedViews::map).optional().orElseThrow(() -> new NotFound("saved view " + viewId));
        jdbc.sql("delete from saved_view where id = ? and user_id = ?").params(viewId, userId).update();
        return view;
    }

    private static SavedView map(ResultSet rs, int row) throws SQLException {
        return new SavedView(rs.getLong("id"), rs.getLong("user_id"), rs.getString("page"), rs.getString("name"),
                rs.getString("query"), rs.getTimestamp("created_at").toInstant());
    }

    private static Conflict duplicate(String name) {
        return new Conflict("You have a view named '" + name + "' already: pick another name or delete that one");
    }
}
