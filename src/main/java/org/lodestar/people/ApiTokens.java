package org.lodestar.people;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.lodestar.audit.AuditLog;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.lodestar.infrastructure.Secrets;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens. A token's secret is random, shown once, and stored as its SHA-256 hash: with
 * 256 bits of entropy a fast hash is safe and lets every request be checked in one indexed lookup.
 */
@Service
public class ApiTokens {

    static final String SECRET_PREFIX = "lsk_";
    private static final java.time.Duration LAST_USED_RESOLUTION = java.time.Duration.ofMinutes(1);
    private static final RowMapper<ApiToken> ROW = (rs, n) -> new ApiToken(rs.getLong("id"), rs.getLong("user_id"),
            rs.getString("email"), rs.getString("name"), TokenScope.valueOf(rs.getString("scope")),
            Role.valueOf(rs.getString("issued_role")), rs.getString("token_prefix"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("expires_at")),
            instant(rs.getTimestamp("revoked_at")), instant(rs.getTimestamp("last_used_at")));
    private static final String SELECT = """
            select t.id, t.user_id, t.name, t.scope, t.issued_role, t.token_prefix, t.created_at, t.expires_at,
                   t.revoked_at, t.last_used_at, u.email
              from api_token t join app_user u on u.id = t.user_id""";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final Users users;

    /** The longest a token someone asks for may live ({@code lodestar.tokens.max-lifetime}); zero: no limit. */
    private final java.time.Duration maxLifetime;

    ApiTokens(JdbcClient jdbc, AuditLog audit, Clock clock, Users users,
            @org.springframework.beans.factory.annotation.Value("${lodestar.tokens.max-lifetime:P365D}") java.time.Duration maxLifetime) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.users = users;
        if (maxLifetime.isNegative() || maxLifetime.compareTo(java.time.Duration.ofDays(3650)) > 0
                || (!maxLifetime.isZero() && maxLifetime.compareTo(java.time.Duration.ofDays(2)) < 0)) {
            throw new IllegalStateException("lodestar.tokens.max-lifetime: expected a duration from 2 days to 3650 days "
                    + "(e.g. P365D), or P0D for no limit; got " + maxLifetime);
        }
        this.maxLifetime = maxLifetime;
    }

    /** When a token asked for now with no expiry named expires: {@link #DEFAULT_LIFETIME}, or the maximum if shorter. */
    public Instant defaultExpiry() {
        java.time.Duration lifetime = !maxLifetime.isZero() && maxLifetime.compareTo(DEFAULT_LIFETIME) < 0 ? maxLifetime
                : DEFAULT_LIFETIME;
        return clock.instant().plus(lifetime);
    }

    /** The latest expiry a token asked for now may have, or empty when there is no limit. */
    public Optional<Instant> latestExpiry() {
        return maxLifetime.isZero() ? Optional.empty() : Optional.of(clock.instant().plus(maxLifetime));
    }

    /** How long a token lives when its creator names no expiry. */
    public static final java.time.Duration DEFAULT_LIFETIME = java.time.Duration.ofDays(90);

    /** The latest expiry a token can have: the last instant every supported database stores. */
    static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * Issues a random token for a user. Its scope may not exceed what the user's role allows (a
     * read-only user holds read tokens only, a CSM read or write), and it remembers the role, so a
     * later promotion does not strengthen it.
     */
    @Transactional
    public IssuedToken issue(long userId, String name, TokenScope scope, Instant expiresAt) {
        return issueWithSecret(userId, name, scope, expiresAt, Secrets.random(SECRET_PREFIX));
    }

    /**
     * Issues a token that someone signed in asks for: for themselves, or (an admin) for another user. It is never
     * stronger than who asks: a token asking gets its own scope or weaker, a person their role's ceiling, and the
     * new token remembers the weaker of its holder's role and the role the asker acts with, so a token never mints
     * one stronger than itself. Asking for more is refused as access denied; the holder's own ceiling is checked as
     * in {@link #issue(long, String, TokenScope, Instant)}. It may live at most {@code lodestar.tokens.max-lifetime}
     * (an operator's {@code tokens create} on the server is not held to it).
     */
    @Transactional
    public IssuedToken issueFor(SignedIn asker, long userId, String name, TokenScope scope, Instant expiresAt) {
        if (userId != asker.user().id() && !asker.can(Permission.MANAGE_USERS)) {
            throw new AccessDeniedException("Only admins create tokens for other people");
        }
        if (scope != null && asker.token() != null && !scope.atMost(asker.token().scope())) {
            throw new AccessDeniedException(capitalised(article(asker.token().scope().label())) + " token cannot create "
                    + article(scope.label()) + " token; it may create tokens of its own scope or weaker");
        }
        TokenScope strongest = TokenScope.strongestFor(asker.user().role());
        if (scope != null && !scope.atMost(strongest)) {
            throw new AccessDeniedException("Your role (" + asker.user().role().label() + ") may hold "
                    + strongest.label() + " tokens at most, not " + scope.label());
        }
        Role actingAs = asker.token() == null ? asker.user().role()
                : Role.weaker(asker.user().role(), asker.token().issuedRole());
        return issue(userId, name, scope, expiresAt, Secrets.random(SECRET_PREFIX), actingAs, latestExpiry());
    }

    /** How many days a token asked for through the API or Settings may live; 0: no limit. */
    public long maxLifetimeDays() {
        return maxLifetime.toDays();
    }

    /** Issues a token whose secret the operator chose (bootstrap through LODESTAR_ADMIN_TOKEN). */
    @Transactional
    public IssuedToken issueWithSecret(long userId, String name, TokenScope scope, Instant expiresAt, String secret) {
        return issue(userId, name, scope, expiresAt, secret, null, Optional.empty());
    }

    /** Every problem of the request at once; {@code latest}: the latest expiry allowed (none: no limit). */
    private IssuedToken issue(long userId, String name, TokenScope scope, Instant expiresAt, String secret,
            Role cap, Optional<Instant> latest) {
        var problems = new InvalidInput.Collector();
        if (latest.isPresent() && (expiresAt == null || expiresAt.isAfter(latest.get()))) {
            problems.add("expiresAt", "must be at most " + maxLifetime.toDays() + " days ahead "
                    + "(lodestar.tokens.max-lifetime), so no later than " + latest.get().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + "; got " + (expiresAt == null ? "none (never)" : expiresAt));
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            problems.add("name", "must be 1 to 100 characters");
        }
        if (scope == null) {
            problems.add("scope", "expected one of " + TokenScope.labels());
        }
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            problems.add("expiresAt", "must be in the future");
        }
        if (secret == null || secret.length() < 20) {
            problems.add("token", "must have at least 20 characters");
        }
        if (expiresAt != null && expiresAt.isAfter(LATEST_EXPIRY)) {
            problems.add("expiresAt", "must be at most 9999-12-31T23:59:59Z, got " + expiresAt);
        }
        problems.throwIfAny();
        User user = users.get(userId);
        if (!scope.atMost(TokenScope.strongestFor(user.role()))) {
            // "read-only" says what a user is, not who: "a read-only user", as "a csm".
            String who = article(user.role().label()) + (user.role() == Role.READ_ONLY ? " user" : "");
            throw new InvalidInput("scope", who + " can hold at most " + TokenScope.strongestFor(user.role()).label()
                    + " tokens, asked for " + scope.label());
        }
        Role issuedRole = cap == null ? user.role() : Role.weaker(user.role(), cap);
        String hash = hash(secret);
        jdbc.sql("""
                insert into api_token (user_id, name, scope, issued_role, token_hash, token_prefix, created_at,
                                       expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(userId, name.trim(), scope.name(), issuedRole.name(), hash, secret.substring(0, 8),
                        Timestamp.from(clock.instant()), expiresAt == null ? null : Timestamp.from(expiresAt))
                .update();
        ApiToken token = jdbc.sql(SELECT + " where t.token_hash = ?").param(hash).query(ROW).single();
        audit.created("api-token", token.id(),
                "Issued " + scope.label() + " token '" + token.name() + "' for " + user.email(), token);
        return new IssuedToken(token, secret);
    }

    public List<ApiToken> list() {
        return jdbc.sql(SELECT + " order by t.id").query(ROW).list();
    }

    public List<ApiToken> listFor(long userId) {
        return jdbc.sql(SELECT + " where t.user_id = ? order by t.id").param(userId).query(ROW).list();
    }

    public ApiToken get(long id) {
        return jdbc.sql(SELECT + " where t.id = ?").param(id).query(ROW).optional()
                .orElseThrow(() -> new NotFound("API token " + id));
    }

    @Transactional
    public ApiToken revoke(long id) {
        ApiToken before = get(id);
        if (before.revokedAt() != null) {
            return before;
        }
        jdbc.sql("update api_token set revoked_at = ? where id = ?").params(Timestamp.from(clock.instant()), id).update();
        ApiToken after = get(id);
        audit.record("revoke", "api-token", id, "Revoked token '" + after.name() + "' of " + after.userEmail(),
                before, after);
        return after;
    }

    /**
     * The active token with this secret, if any. Records when it was last used, at most once a
     * minute, so busy API clients do not turn every read into a write.
     */
    Optional<ApiToken> authenticate(String secret) {
        Instant now = clock.instant();
        Optional<ApiToken> token = jdbc.sql(SELECT + " where t.token_hash = ?").param(hash(secret)).query(ROW)
                .optional().filter(t -> t.activeAt(now));
        token.filter(t -> t.lastUsedAt() == null || t.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION)))
                .ifPresent(t -> jdbc.sql("update api_token set last_used_at = ? where id = ?")
                        .params(Timestamp.from(now), t.id()).update());
        return token;
    }

    static String hash(String secret) {
        return Secrets.hash(secret);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** The word with its indefinite article: "a write", "an admin". */
    private static String article(String word) {
        return ("aeiou".indexOf(Character.toLowerCase(word.charAt(0))) >= 0 ? "an " : "a ") + word;
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
