package org.lodestar.surveys;

import java.sql.Timestamp;
import java.time.Instant;

import org.lodestar.accounts.AccountSet;
import org.lodestar.infrastructure.SqlFilter;

/**
 * Which answers a book-wide page lists: of these accounts, of this kind, in this NPS band (an NPS answer's category;
 * a band asks for NPS answers only), answered at or after {@code since}; null means any.
 */
public record SurveySearch(AccountSet accounts, SurveyKind kind, NpsCategory band, Instant since) {

    SqlFilter where() {
        return accounts.within(new SqlFilter(), "account_id")
                .and(kind != null, "kind = ?", kind == null ? null : kind.name())
                .and(band != null, "kind = 'NPS' and score between ? and ?", band == null ? null : band.lowest(),
                        band == null ? null : band.highest())
                .and(since != null, "responded_at >= ?", since == null ? null : Timestamp.from(since));
    }
}
