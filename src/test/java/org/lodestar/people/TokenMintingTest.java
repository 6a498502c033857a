package org.lodestar.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.errors.InvalidInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A token never mints one stronger than itself or than its owner's role, and a promotion does not
 * strengthen tokens issued before it (§9). Every role × asking scope × asked scope is tried.
 */
@LodestarTest
class TokenMintingTest {

    /** Which scopes each role may hold, written out by hand. */
    private static final Map<Role, List<TokenScope>> HELD = Map.of(
            Role.READ_ONLY, List.of(TokenScope.READ),
            Role.CSM, List.of(TokenScope.READ, TokenScope.WRITE),
            Role.LEADER, List.of(TokenScope.READ, TokenScope.WRITE, TokenScope.ADMIN, TokenScope.METRICS),
            Role.ADMIN, List.of(TokenScope.READ, TokenScope.WRITE, TokenScope.ADMIN, TokenScope.METRICS));

    /** What a token of each scope may mint, by hand: its own scope or weaker. */
    private static final Map<TokenScope, Set<TokenScope>> MINTS = Map.of(
            TokenScope.READ, Set.of(TokenScope.READ),
            TokenScope.WRITE, Set.of(TokenScope.READ, TokenScope.WRITE),
            TokenScope.ADMIN, Set.of(TokenScope.READ, TokenScope.WRITE, TokenScope.ADMIN, TokenScope.METRICS),
            // A metrics token reads /actuator/prometheus alone: the token API is closed to it.
            TokenScope.METRICS, Set.of());

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Users users;
    @Autowired
    ApiTokens tokens;
    ApiClient admin;

    @BeforeEach
    void setUp() {
        admin = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
    }

    @Test
    void everyRoleAndScopeMintsOnlyWhatItHolds() {
        int tried = 0;
        for (Role role : Role.values()) {
            String email = "mint-" + role.label() + "@lodestar.test";
            for (TokenScope asking : HELD.get(role)) {
                ApiClient caller = admin.as(book.tokenFor(email, role, asking));
                for (TokenScope asked : TokenScope.values()) {
                    ApiClient.Response answer = caller.post("/api/tokens",
                            "{\"name\":\"minted\",\"scope\":\"" + asked.label() + "\"}");
                    boolean allowed = MINTS.get(asking).contains(asked) && HELD.get(role).contains(asked);
                    String pair = role.label() + " with a " + asking.label() + " token asking for " + asked.label();
                    assertThat(answer.status()).as(pair + ": " + answer.body()).isEqualTo(allowed ? 201 : 403);
                    if (!allowed) {
                        assertThat(answer.contentType()).as(pair).startsWith("application/problem+json");
                    }
                    tried++;
                }
            }
        }
        // 11 asking tokens (read-only 1, csm 2, cs-leader 4, admin 4) × 4 scopes asked.
        assertThat(tried).isEqualTo(44);
    }

    @Test
    void aRefusedMintSaysWhichTokenAskedForWhich() {
        ApiClient leaderWithWrite = admin.as(book.tokenFor("mint-words@lodestar.test", Role.LEADER, TokenScope.WRITE));
        ApiClient.Response refused = leaderWithWrite.post("/api/tokens", "{\"name\":\"minted\",\"scope\":\"admin\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("A write token cannot create an admin token;");
        ApiClient leaderWithRead = admin.as(book.tokenFor("mint-words@lodestar.test", Role.LEADER, TokenScope.READ));
        assertThat(leaderWithRead.post("/api/tokens", "{\"name\":\"minted\",\"scope\":\"write\"}").body())
                .contains("A read token cannot create a write token;");
    }

    /**
     * A token asked for lives at most lodestar.tokens.max-lifetime (365 days by default): a day more is refused, naming
     * expiresAt and the latest allowed, through the API and the people page (as expiresOn, the last day it is valid).
     */
    @Test
    void aTokenAskedForLivesAtMostTheMaximumLifetime() {
        java.time.Instant latest = tokens.latestExpiry().orElseThrow();
        java.time.Instant now = java.time.Instant.now();
        assertThat(java.time.Duration.between(now, latest).toDays()).isBetween(364L, 365L);
        ApiClient.Response tooLong = admin.post("/api/tokens", "{\"name\":\"forever\",\"scope\":\"read\",\"expiresAt\":\""
                + now.plus(java.time.Duration.ofDays(366)) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("expiresAt");
        assertThat(tooLong.body()).contains("must be at most 365 days ahead (lodestar.tokens.max-lifetime), so no later than");
        ApiClient.Response allAtOnce = admin.post("/api/tokens", "{\"name\":\"\",\"scope\":\"read\",\"expiresAt\":\""
                + now.plus(java.time.Duration.ofDays(366)) + "\"}");
        assertThat(allAtOnce.json().get("errors")).as("every bad field at once").extracting(e -> e.get("field").asString())
                .containsExactlyInAnyOrder("expiresAt", "name");
        ApiClient.Response inAYear = admin.post("/api/tokens", "{\"name\":\"a year\",\"scope\":\"read\",\"expiresAt\":\""
                + now.plus(java.time.Duration.ofDays(364)) + "\"}");
        assertThat(inAYear.status()).as(inAYear.body()).isEqualTo(201);

        org.lodestar.FormSession page = new org.lodestar.FormSession(port);
        page.signIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);
        long adminId = users.findByEmail(LodestarTest.ADMIN_EMAIL).orElseThrow().id();
        java.time.LocalDate lastDay = java.time.LocalDate.ofInstant(latest, java.time.ZoneOffset.UTC).minusDays(1);
        String refused = page.send("POST", "/settings/people/tokens", Map.of("userId", String.valueOf(adminId), "name",
                "too long", "scope", "read", "expiresOn", lastDay.plusDays(2).toString())).body();
        assertThat(refused).contains("at most " + lastDay + " (tokens live at most 365 days here), got "
                + lastDay.plusDays(2));
        // A token made on the server by its operator is not held to it.
        assertThat(Actors.runAs(Actor.system(), () -> tokens.issue(adminId, "operator", TokenScope.READ, null)).token()
                .expiresAt()).isNull();
    }

    /** A maximum shorter than the 90 days a token gets by default shortens the default too; one under 2 days is refused. */
    @Test
    void aShortMaximumLifetimeIsAlsoTheDefault(@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc,
            @Autowired org.lodestar.audit.AuditLog audit) {
        java.time.Clock fixed = java.time.Clock.fixed(java.time.Instant.parse("2026-12-07T10:00:00Z"), java.time.ZoneOffset.UTC);
        ApiTokens thirty = new ApiTokens(jdbc, audit, fixed, users, java.time.Duration.ofDays(30));
        assertThat(thirty.defaultExpiry()).isEqualTo(java.time.Instant.parse("2027-01-06T10:00:00Z"));
        assertThat(thirty.latestExpiry()).contains(java.time.Instant.parse("2027-01-06T10:00:00Z"));
        ApiTokens none = new ApiTokens(jdbc, audit, fixed, users, java.time.Duration.ZERO);
        assertThat(none.defaultExpiry()).isEqualTo(java.time.Instant.parse("2027-03-07T10:00:00Z"));
        assertThat(none.latestExpiry()).isEmpty();
        assertThatThrownBy(() -> new ApiTokens(jdbc, audit, fixed, users, java.time.Duration.ofHours(36)))
                .hasMessageStartingWith("lodestar.tokens.max-lifetime: expected a duration from 2 days to 3650 days");
    }

    @Test
    void aRoleCannotHoldAScopeAboveIt() {
        User reader = Actors.runAs(Actor.system(), () -> users.findByEmail("cap-reader@lodestar.test")
                .orElseGet(() -> users.create("cap-reader@lodestar.test", "Cap", Role.READ_ONLY, "password-1234")));
        User csm = Actors.runAs(Actor.system(), () -> users.findByEmail("cap-csm@lodestar.test")
                .orElseGet(() -> users.create("cap-csm@lodestar.test", "Cap", Role.CSM, "password-1234")));
        for (TokenScope scope : List.of(TokenScope.WRITE, TokenScope.ADMIN)) {
            assertThatThrownBy(() -> Actors.runAs(Actor.system(), () -> tokens.issue(reader.id(), "x", scope, null)))
                    .isInstanceOf(InvalidInput.class)
                    .hasMessage("scope: a read-only user can hold at most read tokens, asked for " + scope.label());
        }
        assertThatThrownBy(() -> Actors.runAs(Actor.system(), () -> tokens.issue(csm.id(), "x", TokenScope.ADMIN, null)))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("scope: a csm can hold at most write tokens, asked for admin");
    }

    @Test
    void aPromotionDoesNotStrengthenEarlierTokens() {
        String leaderToken = book.tokenFor("promoted-leader@lodestar.test", Role.LEADER, TokenScope.ADMIN);
        String readerToken = book.tokenFor("promoted-reader@lodestar.test", Role.READ_ONLY, TokenScope.READ);
        ApiClient leader = admin.as(leaderToken);
        assertThat(leader.get("/api/me").json().get("permissions").toString())
                .isEqualTo("[\"READ\",\"WRITE\",\"CONFIGURE\",\"METRICS\"]");

        promote("promoted-leader@lodestar.test");
        promote("promoted-reader@lodestar.test");
        try {
            assertThat(leader.get("/api/users").status()).as("issued under cs-leader: no people management").isEqualTo(403);
            assertThat(leader.get("/api/me").json().get("permissions").toString())
                    .isEqualTo("[\"READ\",\"WRITE\",\"CONFIGURE\",\"METRICS\"]");
            assertThat(admin.as(readerToken).get("/api/me").json().get("permissions").toString()).isEqualTo("[\"READ\"]");

            ApiClient.Response minted = leader.post("/api/tokens", "{\"name\":\"after promotion\",\"scope\":\"admin\"}");
            assertThat(minted.status()).as(minted.body()).isEqualTo(201);
            assertThat(minted.json().get("token").get("issuedRole").asString()).isEqualTo("LEADER");
            ApiClient child = admin.as(minted.json().get("secret").asString());
            assertThat(child.get("/api/users").status()).as("a token never mints one stronger than itself").isEqualTo(403);
        } finally {
            demote("promoted-leader@lodestar.test", Role.LEADER);
            demote("promoted-reader@lodestar.test", Role.READ_ONLY);
        }
    }

    @Test
    void anExpiryBeyondWhatTheDatabaseStoresIsA400() {
        ApiClient.Response far = admin.post("/api/tokens",
                "{\"name\":\"far\",\"scope\":\"read\",\"expiresAt\":\"+999999999-12-31T23:59:59Z\"}");
        assertThat(far.status()).as(far.body()).isEqualTo(400);
        assertThat(far.body()).contains("expiresAt");
    }

    private void promote(String email) {
        long id = users.findByEmail(email).orElseThrow().id();
        assertThat(admin.put("/api/users/" + id + "/role", "{\"role\":\"admin\"}").status()).isEqualTo(200);
    }

    private void demote(String email, Role role) {
        long id = users.findByEmail(email).orElseThrow().id();
        admin.put("/api/users/" + id + "/role", "{\"role\":\"" + role.label() + "\"}");
    }
}
