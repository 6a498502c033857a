package org.lodestar.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Who may do what: roles, token scopes, revoked and expired tokens (§9). */
@LodestarTest
class AccessTest {

    private static final String ACCOUNT = "{\"externalId\":\"ACC-1\",\"name\":\"Acme\"}";

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    ApiTokens tokens;
    @Autowired
    JdbcClient jdbc;
    ApiClient admin;

    @BeforeEach
    void setUp() {
        book.empty();
        admin = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
    }

    @Test
    void everyEndpointNeedsAuthentication() {
        ApiClient anonymous = new ApiClient(port, null);
        for (String path : new String[] { "/api/accounts", "/api/audit", "/api/users", "/api/me" }) {
            ApiClient.Response response = anonymous.get(path);
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body()).contains("Bearer").doesNotContain("null");
        }
        assertThat(anonymous.post("/api/accounts", ACCOUNT).status()).isEqualTo(401);
        assertThat(anonymous.get("/v3/api-docs").status()).as("the OpenAPI document needs a login too").isIn(302, 401);
    }

    @Test
    void unknownRevokedAndExpiredTokensAreRefused() {
        assertThat(admin.as("lsk_not_a_real_token_at_all").get("/api/accounts").status()).isEqualTo(401);

        String secret = book.tokenFor("revoked@lodestar.test", Role.CSM, TokenScope.WRITE);
        ApiClient csm = admin.as(secret);
        assertThat(csm.get("/api/accounts").status()).isEqualTo(200);
        long id = csm.get("/api/me").json().get("token").get("id").asLong();
        assertThat(admin.delete("/api/tokens/" + id).status()).isEqualTo(200);
        assertThat(csm.get("/api/accounts").status()).isEqualTo(401);

        String expiring = book.tokenFor("expired@lodestar.test", Role.CSM, TokenScope.READ);
        long expiringId = admin.as(expiring).get("/api/me").json().get("token").get("id").asLong();
        jdbc.sql("update api_token set expires_at = ? where id = ?")
                .params(Timestamp.from(Instant.parse("2020-01-01T00:00:00Z")), expiringId).update();
        assertThat(admin.as(expiring).get("/api/accounts").status()).isEqualTo(401);
    }

    @Test
    void tokensAreStoredHashed() {
        String secret = book.tokenFor("hashed@lodestar.test", Role.CSM, TokenScope.READ);
        assertThat(jdbc.sql("select count(*) from api_token where token_hash = ?").param(secret)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from api_token where token_hash = ?").param(ApiTokens.hash(secret))
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aReadOnlyUserCannotChangeAnything() {
        ApiClient reader = admin.as(book.tokenFor("reader@lodestar.test", Role.READ_ONLY, TokenScope.READ));
        assertThat(reader.get("/api/accounts").status()).isEqualTo(200);
        ApiClient.Response denied = reader.post("/api/accounts", ACCOUNT);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.contentType()).startsWith("application/problem+json");
        assertThat(denied.body()).as("no empty fields").doesNotContain("null").contains("\"status\":403");
        assertThat(reader.post("/api/import/accounts?partial=true", ACCOUNT).status()).isEqualTo(403);
        assertThat(admin.get("/api/accounts").json().get("total").asLong()).isZero();
    }

    @Test
    void aReadScopedTokenCannotWriteEvenForAnAdmin() {
        ApiClient readToken = admin.as(book.tokenFor("admin2@lodestar.test", Role.ADMIN, TokenScope.READ));
        assertThat(readToken.post("/api/accounts", ACCOUNT).status()).isEqualTo(403);
        assertThat(readToken.get("/api/users").status()).isEqualTo(403);
        assertThat(readToken.post("/api/tokens", "{\"name\":\"escalate\",\"scope\":\"admin\"}").status())
                .as("a read token cannot mint a stronger one").isEqualTo(403);
    }

    @Test
    void aCsmWorksTheBookButCannotManagePeople() {
        ApiClient csm = admin.as(book.tokenFor("csm@lodestar.test", Role.CSM, TokenScope.WRITE));
        assertThat(csm.post("/api/accounts", ACCOUNT).status()).isEqualTo(201);
        assertThat(csm.get("/api/users").status()).isEqualTo(403);
        assertThat(csm.post("/api/users", "{\"email\":\"x@y.example\",\"name\":\"X\",\"role\":\"admin\","
                + "\"password\":\"long-enough-1\"}").status()).isEqualTo(403);
        assertThat(csm.get("/api/tokens?all=true").status()).isEqualTo(403);
    }

    @Test
    void theLastAdminCannotBeDemotedOrDisabled() {
        long adminId = admin.get("/api/me").json().get("user").get("id").asLong();
        List<Long> otherAdmins = admin.get("/api/users").json().valueStream()
                .filter(u -> u.get("role").asString().equals("ADMIN") && u.get("enabled").asBoolean()
                        && u.get("id").asLong() != adminId)
                .map(u -> u.get("id").asLong()).toList();
        otherAdmins.forEach(id -> assertThat(admin.put("/api/users/" + id + "/enabled", "{\"enabled\":false}").status())
                .as("another admin can go while one stays").isEqualTo(200));
        try {
            ApiClient.Response demoted = admin.put("/api/users/" + adminId + "/role", "{\"role\":\"csm\"}");
            assertThat(demoted.status()).isEqualTo(409);
            assertThat(demoted.body()).contains("only enabled admin");
            assertThat(admin.put("/api/users/" + adminId + "/enabled", "{\"enabled\":false}").status()).isEqualTo(409);
            assertThat(admin.get("/api/me").json().get("user").get("role").asString()).isEqualTo("ADMIN");
        } finally {
            otherAdmins.forEach(id -> admin.put("/api/users/" + id + "/enabled", "{\"enabled\":true}"));
        }
        ApiClient.Response tooLong = admin.post("/api/users", "{\"email\":\"long@lodestar.test\",\"name\":\"L\","
                + "\"role\":\"csm\",\"password\":\"" + "p".repeat(80) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("72 bytes");
    }

    @Test
    void anAdminManagesUsersAndEveryoneTheirOwnTokens() {
        ApiClient.Response created = admin.post("/api/users", "{\"email\":\"New.Lead@lodestar.test\",\"name\":\"Lee\","
                + "\"role\":\"cs-leader\",\"password\":\"long-enough-1\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("email").asString()).isEqualTo("new.lead@lodestar.test");
        assertThat(created.json().has("passwordHash")).isFalse();
        ApiClient.Response duplicate = admin.post("/api/users", "{\"email\":\"new.lead@lodestar.test\",\"name\":\"Lee\","
                + "\"role\":\"cs-leader\",\"password\":\"long-enough-1\"}");
        assertThat(duplicate.status()).isEqualTo(409);

        ApiClient reader = admin.as(book.tokenFor("reader2@lodestar.test", Role.READ_ONLY, TokenScope.READ));
        ApiClient.Response own = reader.post("/api/tokens", "{\"name\":\"dashboards\",\"scope\":\"read\"}");
        assertThat(own.status()).as(own.body()).isEqualTo(201);
        String secret = own.json().get("secret").asString();
        assertThat(own.json().get("token").get("expiresAt").isNull()).as("API tokens expire by default").isFalse();
        assertThat(secret).startsWith("lsk_");
        assertThat(admin.as(secret).get("/api/me").json().get("permissions").toString()).isEqualTo("[\"READ\"]");
    }
}
