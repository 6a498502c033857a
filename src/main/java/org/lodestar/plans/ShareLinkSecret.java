package org.lodestar.plans;

import java.sql.Timestamp;
import java.time.Clock;

import org.lodestar.infrastructure.Secrets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The key share links are signed with: {@code lodestar.share-links.secret} (or {@code LODESTAR_SHARE_LINKS_SECRET})
 * when set, otherwise one made at first use and kept in the database, so links survive restarts and every node of
 * a cluster accepts them. Changing the secret withdraws every link issued before.
 */
@Component
class ShareLinkSecret {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String configured;
    private volatile PlanLinkTokens tokens;

    ShareLinkSecret(JdbcClient jdbc, Clock clock, @Value("${lodestar.share-links.secret:}") String configured) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.configured = configured == null || configured.isBlank() ? null : configured.trim();
        if (this.configured != null) {
            this.tokens = new PlanLinkTokens(this.configured);
        }
    }

    PlanLinkTokens tokens() {
        PlanLinkTokens known = tokens;
        if (known == null) {
            known = new PlanLinkTokens(stored());
            tokens = known;
        }
        return known;
    }

    /** The stored secret, made now when there is none; two nodes making one at once keep the first written. */
    private String stored() {
        String secret = read();
        if (secret != null) {
            return secret;
        }
        try {
            jdbc.sql("insert into share_link_secret (id, secret, created_at) values (1, ?, ?)")
                    .params(Secrets.random(""), Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            // another node wrote it first: theirs is read below
        }
        return read();
    }

    private String read() {
        return jdbc.sql("select secret from share_link_secret where id = 1").query(String.class).optional().orElse(null);
    }
}
