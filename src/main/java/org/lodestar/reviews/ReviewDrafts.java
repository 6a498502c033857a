package org.lodestar.reviews;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.Accounts;
import org.lodestar.audit.Actors;
import org.lodestar.audit.AuditLog;
import org.lodestar.errors.InvalidInput;
import org.lodestar.reviews.internal.PackAssembler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Review drafts: read (or made from the data when none is saved), saved with validation and audit. The narrative a
 * draft starts with is written from the data (open milestones become the asks and next quarter's goals).
 */
@Service
public class ReviewDrafts {

    static final int MOST_TEXT = 4000;
    static final int MOST_FIGURES = 12;
    static final int MOST_PARTS = 12;
    private static final BigDecimal LARGEST = new BigDecimal("9999999999999999.99");

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Accounts accounts;
    private final PackAssembler assembler;
    private final Clock clock;

    ReviewDrafts(JdbcClient jdbc, AuditLog audit, Accounts accounts, PackAssembler assembler, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.accounts = accounts;
        this.assembler = assembler;
        this.clock = clock;
    }

    /** The saved draft, or one made from the data (not saved) when there is none. */
    public ReviewDraft get(long accountId, ReviewKind kind, Quarter quarter) {
        accounts.get(accountId);
        assembler.checkStarted(quarter);
        return find(accountId, kind, quarter).orElseGet(() -> new ReviewDraft(null, accountId, kind, quarter,
                assembler.assemble(accountId, kind, quarter).narrative(), List.of(), null, null));
    }

    /**
     * The saved draft for the account, kind and quarter, saved first from the data when there is none (audited): what
     * a playbook step calls to attach a review draft to its play.
     */
    @Transactional
    public ReviewDraft openOrCreate(long accountId, ReviewKind kind, Quarter quarter) {
        ReviewDraft draft = get(accountId, kind, quarter);
        if (draft.saved()) {
            return draft;
        }
        ReviewPack.Narrative n = draft.narrative();
        return save(accountId, kind, quarter, new DraftEdit(n.summary(), n.customerAsks(), n.ourAsks(), n.nextGoals(), List.of()));
    }

    /** Replaces the draft's narrative (texts left null are kept) and all its stated figures; validated, then audited. */
    @Transactional
    public ReviewDraft save(long accountId, ReviewKind kind, Quarter quarter, DraftEdit edit) {
        Account account = accounts.get(accountId);
        ReviewDraft before = get(accountId, kind, quarter);
        var problems = new InvalidInput.Collector();
        ReviewPack.Narrative n = before.narrative();
        ReviewPack.Narrative narrative = new ReviewPack.Narrative(text(problems, "summary", edit.summary(), n.summary()),
                text(problems, "customerAsks", edit.customerAsks(), n.customerAsks()),
                text(problems, "ourAsks", edit.ourAsks(), n.ourAsks()),
                text(problems, "nextGoals", edit.nextGoals(), n.nextGoals()));
        List<StatedFigure> figures = figures(problems, edit.figures() == null ? before.figures() : edit.figures());
        problems.throwIfAny();
        Instant now = clock.instant();
        String actor = Actors.current().name();
        long id;
        if (before.saved()) {
            id = before.id();
            jdbc.sql("""
                    update review_draft set summary = ?, customer_asks = ?, our_asks = ?, next_goals = ?, updated_at = ?,
                           updated_by = ? where account_id = ? and id = ?""")
                    .params(narrative.summary(), narrative.customerAsks(), narrative.ourAsks(), narrative.nextGoals(),
                            Timestamp.from(now), actor, accountId, id)
                    .update();
            jdbc.sql("delete from review_figure where account_id = ? and draft_id = ?").params(accountId, id).update();
        } else {
            id = insert(accountId, kind, quarter, narrative, now, actor);
        }
        writeFigures(accountId, id, figures);
        ReviewDraft after = find(accountId, kind, quarter).orElseThrow();
        String what = kind.label().toUpperCase() + " " + quarter.label() + " draft of " + account.name();
        if (before.saved()) {
            audit.updated("review-draft", id, "Updated the " + what, before, after);
        } else {
            audit.created("review-draft", id, "Started the " + what, after);
        }
        return after;
    }

    /**
     * Writes a draft read back from a whole-book export, as it was last saved (by whom and when), unless the account
     * has a saved draft of that kind and quarter already; checked as a save is, audited. Whether it was written.
     */
    @Transactional
    public boolean restoreOnce(long accountId, ReviewKind kind, Quarter quarter, DraftEdit edit, Instant savedAt,
            String savedBy) {
        Account account = accounts.get(accountId);
        if (find(accountId, kind, quarter).isPresent()) {
            return false;
        }
        var problems = new InvalidInput.Collector();
        ReviewPack.Narrative narrative = new ReviewPack.Narrative(text(problems, "summary", edit.summary(), ""),
                text(problems, "customerAsks", edit.customerAsks(), ""), text(problems, "ourAsks", edit.ourAsks(), ""),
                text(problems, "nextGoals", edit.nextGoals(), ""));
        List<StatedFigure> figures = figures(problems, edit.figures() == null ? List.of() : edit.figures());
        problems.maxLength("savedBy", savedBy, 400);
        problems.throwIfAny();
        long id = insert(accountId, kind, quarter, narrative, savedAt, savedBy);
        writeFigures(accountId, id, figures);
        ReviewDraft restored = find(accountId, kind, quarter).orElseThrow();
        audit.created("review-draft", id, "Restored the " + kind.label().toUpperCase() + " " + quarter.label()
                + " draft of " + account.name(), restored);
        return true;
    }

    private long insert(long accountId, ReviewKind kind, Quarter quarter, ReviewPack.Narrative narrative, Instant at,
            String by) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into review_draft (account_id, kind, quarter, summary, customer_asks, our_asks, next_goals,
                                          created_at, created_by, updated_at, updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(accountId, kind.label(), quarter.toString(), narrative.summary(), narrative.customerAsks(),
                        narrative.ourAsks(), narrative.nextGoals(), Timestamp.from(at), by, Timestamp.from(at), by)
                .update(key, "id");
        return key.getKey().longValue();
    }

    private void writeFigures(long accountId, long id, List<StatedFigure> figures) {
        for (int i = 0; i < figures.size(); i++) {
            StatedFigure figure = figures.get(i);
            var key = new GeneratedKeyHolder();
            jdbc.sql("insert into review_figure (account_id, draft_id, position, label, unit, stated) values (?, ?, ?, ?, ?, ?)")
                    .params(accountId, id, i + 1, figure.label(), figure.unit(), figure.stated()).update(key, "id");
            long figureId = key.getKey().longValue();
            for (int j = 0; j < figure.parts().size(); j++) {
                StatedFigure.Part part = figure.parts().get(j);
                jdbc.sql("insert into review_figure_part (account_id, figure_id, position, label, amount) values (?, ?, ?, ?, ?)")
                        .params(accountId, figureId, j + 1, part.label(), part.value()).update();
            }
        }
    }

    /** The saved draft, if any. */
    public Optional<ReviewDraft> find(long accountId, ReviewKind kind, Quarter quarter) {
        return jdbc.sql("""
                select id, summary, customer_asks, our_asks, next_goals, updated_at, updated_by from review_draft
                where account_id = ? and kind = ? and quarter = ?""").params(accountId, kind.label(), quarter.toString())
                .query((rs, n) -> draft(rs, accountId, kind, quarter, figures(accountId, rs.getLong("id"))))
                .optional();
    }

    /**
     * Every saved draft of the book, by account, each account's by quarter and kind: what a whole-book export keeps.
     * Three queries, whatever the size of the book.
     */
    public Map<Long, List<ReviewDraft>> savedByAccount() {
        Map<Long, List<StatedFigure.Part>> parts = new HashMap<>();
        jdbc.sql("select figure_id, label, amount from review_figure_part order by position, id").query(rs -> {
            parts.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                    .add(new StatedFigure.Part(rs.getString(2), rs.getBigDecimal(3)));
        });
        Map<Long, List<StatedFigure>> figures = new HashMap<>();
        jdbc.sql("select id, draft_id, label, unit, stated from review_figure order by position, id").query(rs -> {
            figures.computeIfAbsent(rs.getLong("draft_id"), k -> new ArrayList<>()).add(figure(rs, parts));
        });
        Map<Long, List<ReviewDraft>> drafts = new LinkedHashMap<>();
        jdbc.sql("""
                select id, account_id, kind, quarter, summary, customer_asks, our_asks, next_goals, updated_at, updated_by
                from review_draft order by account_id, quarter, kind""").query(rs -> {
                    long accountId = rs.getLong("account_id");
                    drafts.computeIfAbsent(accountId, k -> new ArrayList<>()).add(draft(rs, accountId,
                            ReviewKind.of(rs.getString("kind")), Quarter.parse("quarter", rs.getString("quarter")),
                            figures.getOrDefault(rs.getLong("id"), List.of())));
                });
        return drafts;
    }

    private static ReviewDraft draft(ResultSet rs, long accountId, ReviewKind kind, Quarter quarter,
            List<StatedFigure> figures) throws SQLException {
        return new ReviewDraft(rs.getLong("id"), accountId, kind, quarter,
                new ReviewPack.Narrative(rs.getString("summary"), rs.getString("customer_asks"), rs.getString("our_asks"),
                        rs.getString("next_goals")),
                figures, rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }

    private static StatedFigure figure(ResultSet rs, Map<Long, List<StatedFigure.Part>> parts) throws SQLException {
        return new StatedFigure(rs.getString("label"), rs.getString("unit"), rs.getBigDecimal("stated"),
                List.copyOf(parts.getOrDefault(rs.getLong("id"), List.of())));
    }

    private List<StatedFigure> figures(long accountId, long draftId) {
        Map<Long, List<StatedFigure.Part>> parts = new HashMap<>();
        jdbc.sql("""
                select p.figure_id, p.label, p.amount from review_figure_part p join review_figure f on f.id = p.figure_id
                where f.account_id = ? and f.draft_id = ? order by p.position, p.id""").params(accountId, draftId)
                .query(rs -> {
                    parts.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new StatedFigure.Part(rs.getString(2), rs.getBigDecimal(3)));
                });
        return jdbc.sql("select id, label, unit, stated from review_figure where account_id = ? and draft_id = ? "
                + "order by position, id").params(accountId, draftId)
                .query((rs, n) -> figure(rs, parts)).list();
    }

    private static String text(InvalidInput.Collector problems, String field, String given, String kept) {
        String value = given == null ? kept : given.strip();
        problems.maxLength(field, value, MOST_TEXT);
        return value == null ? "" : value;
    }

    private static List<StatedFigure> figures(InvalidInput.Collector problems, List<StatedFigure> given) {
        if (given.size() > MOST_FIGURES) {
            problems.add("figures", "at most " + MOST_FIGURES + " stated figures, got " + given.size());
            return List.of();
        }
        List<StatedFigure> clean = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            StatedFigure f = given.get(i);
            String at = "figures[" + i + "]";
            if (f == null) {
                problems.add(at, "is required");
                continue;
            }
            String label = blankToNull(f.label());
            if (label == null) {
                problems.add(at + ".label", "is required (such as ROI or Hours saved)");
            }
            problems.maxLength(at + ".label", label, 120);
            String unit = f.unit() == null ? "" : f.unit().strip();
            problems.maxLength(at + ".unit", unit, 20);
            amount(problems, at + ".stated", f.stated());
            List<StatedFigure.Part> parts = f.parts() == null ? List.of() : f.parts();
            if (parts.isEmpty()) {
                problems.add(at + ".parts", "a stated figure needs the parts it is made of (label and value each)");
            } else if (parts.size() > MOST_PARTS) {
                problems.add(at + ".parts", "at most " + MOST_PARTS + " parts, got " + parts.size());
            }
            List<StatedFigure.Part> cleanParts = new ArrayList<>();
            for (int j = 0; j < parts.size() && j < MOST_PARTS; j++) {
                StatedFigure.Part p = parts.get(j);
                String partAt = at + ".parts[" + j + "]";
                if (p == null) {
                    problems.add(partAt, "is required");
                    continue;
                }
                String partLabel = blankToNull(p.label());
                if (partLabel == null) {
                    problems.add(partAt + ".label", "is required");
                }
                problems.maxLength(partAt + ".label", partLabel, 120);
                amount(problems, partAt + ".value", p.value());
                cleanParts.add(new StatedFigure.Part(partLabel, p.value()));
            }
            clean.add(new StatedFigure(label, unit, f.stated(), List.copyOf(cleanParts)));
        }
        return clean;
    }

    private static void amount(InvalidInput.Collector problems, String field, BigDecimal value) {
        if (value == null) {
            problems.add(field, "is required (a number such as 120000 or 1250.50)");
        } else if (value.abs().compareTo(LARGEST) > 0) {
            problems.add(field, "expected a number up to " + LARGEST.toPlainString() + ", got " + value.toPlainString());
        } else if (value.stripTrailingZeros().scale() > 2) {
            problems.add(field, "expected at most two decimals, got " + value.toPlainString());
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
