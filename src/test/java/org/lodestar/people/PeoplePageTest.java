package org.lodestar.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.FormSession;
import org.lodestar.LodestarTest;
import org.lodestar.TestClock;
import org.lodestar.audit.AuditEvent;
import org.lodestar.audit.AuditLog;
import org.lodestar.audit.AuditQuery;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Admins manage people and tokens from the UI: create a user, change a role, disable and enable; create a token
 * (its secret shown once, never stronger than its holder's role) and revoke it; each change audited under the
 * admin's name. Bad input is named field by field with nothing written; nobody else reaches the page.
 */
@LodestarTest
@Import(TestClock.Config.class)
class PeoplePageTest {

    private static final Pattern SECRET = Pattern.compile("<pre class=\"secret\">([^<]+)</pre>");
    private static final String MAYA = "maya@lodestar.test";
    private static final String LEADER = "lead@lodestar.test";

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Users users;
    @Autowired
    ApiTokens tokens;
    @Autowired
    AuditLog audit;
    @Autowired
    TestClock clock;
    FormSession admin;

    @BeforeEach
    void setUp() {
        clock.set(java.time.Instant.parse("2026-11-16T09:00:00Z"));
        book.empty();
        book.tokenFor(MAYA, Role.CSM, TokenScope.WRITE);
        book.tokenFor(LEADER, Role.LEADER, TokenScope.ADMIN);
        admin = new FormSession(port);
        admin.signIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);
    }

    @Test
    void anAdminCreatesAUserChangesTheirRoleAndDisablesThem() {
        assertThat(admin.send("GET", "/today", Map.of()).body()).contains("id=\"nav-people\"");

        HttpResponse<String> created = admin.send("POST", "/settings/people/users", Map.of("email", "Noor@Lodestar.test",
                "name", "Noor Haddad", "role", "csm", "password", ""));

        assertThat(created.statusCode()).isEqualTo(302);
        User noor = users.findByEmail("noor@lodestar.test").orElseThrow();
        assertThat(noor.role()).isEqualTo(Role.CSM);
        String page = admin.send("GET", "/settings/people", Map.of()).body();
        assertThat(page).contains("Created noor@lodestar.test as csm.", "Password for noor@lodestar.test");
        assertThat(page).as("the token form's days as every day on the page").containsPattern(
                "empty: \\d{4}-\\d{2}-\\d{2}; at most \\d{4}-\\d{2}-\\d{2}<");
        Matcher password = SECRET.matcher(page);
        assertThat(password.find()).isTrue();
        assertThat(new FormSession(port).signIn("noor@lodestar.test", password.group(1)))
                .as("the password shown once signs in").isEqualTo("/");
        assertThat(admin.send("GET", "/settings/people", Map.of()).body()).as("shown only once")
                .doesNotContain(password.group(1));

        admin.send("POST", "/settings/people/users/" + noor.id() + "/role", Map.of("role", "cs-leader"));
        assertThat(users.get(noor.id()).role()).isEqualTo(Role.LEADER);
        assertThat(admin.send("GET", "/settings/people", Map.of()).body()).contains("noor@lodestar.test is now cs-leader.");
        admin.send("POST", "/settings/people/users/" + noor.id() + "/enabled", Map.of("enabled", "false"));
        assertThat(users.get(noor.id()).enabled()).isFalse();
        assertThat(admin.send("GET", "/settings/people", Map.of()).body()).contains("Disabled noor@lodestar.test.");
        admin.send("POST", "/settings/people/users/" + noor.id() + "/enabled", Map.of("enabled", "true"));
        assertThat(users.get(noor.id()).enabled()).isTrue();

        List<AuditEvent> trail = audit.find(new AuditQuery("user", String.valueOf(noor.id()), null, null, null, 10));
        assertThat(trail).extracting(AuditEvent::summary).containsExactly("Enabled noor@lodestar.test",
                "Disabled noor@lodestar.test", "Changed role of noor@lodestar.test to cs-leader",
                "Created user noor@lodestar.test as csm");
        assertThat(trail).extracting(AuditEvent::actorName).containsOnly(LodestarTest.ADMIN_EMAIL);
    }

    /**
     * Maya owns two accounts (a churned third aside) and one open task: the people page says so beside her, links to them,
     * and disabling her or making her read-only says what she leaves behind and where to hand it over.
     */
    @Test
    void disablingSomeoneWhoOwnsWorkSaysWhatTheyLeaveBehind() {
        ApiClient api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        long first = 0;
        for (String stage : List.of("adoption", "mature", "churned")) {
            long id = api.post("/api/accounts", "{\"externalId\":\"OWN-" + stage + "\",\"name\":\"Own " + stage
                    + "\",\"stage\":\"" + stage + "\",\"owner\":\"" + MAYA + "\"}").json().get("id").asLong();
            first = first == 0 ? id : first;
        }
        assertThat(api.post("/api/tasks", "{\"accountId\":" + first + ",\"title\":\"Call back\"}").status()).isEqualTo(201);
        User maya = users.findByEmail(MAYA).orElseThrow();
        User leader = users.findByEmail(LEADER).orElseThrow();

        String page = admin.send("GET", "/settings/people", Map.of()).body();
        assertThat(page).contains("id=\"owns-" + maya.id() + "\"", "href=\"/book?owner=" + MAYA + "\">2 accounts</a>",
                "href=\"/today?owner=" + MAYA + "\">1 open task</a>",
                "They own 2 accounts and 1 open task, which stay theirs until given to someone else.");
        assertThat(page.substring(page.indexOf("id=\"owns-" + leader.id() + "\""))).as("the leader owns nothing")
                .startsWith("id=\"owns-" + leader.id() + "\">\n                    <span\n");

        admin.send("POST", "/settings/people/users/" + maya.id() + "/role", Map.of("role", "read-only"));
        assertThat(admin.send("GET", "/settings/people", Map.of()).body()).contains("maya@lodestar.test is now read-only. "
                + "They still own 2 accounts and 1 open task: give them to someone else on the book (filtered by owner) "
                + "and on their Today (the bulk bar).");
        admin.send("POST", "/settings/people/users/" + maya.id() + "/enabled", Map.of("enabled", "false"));
        assertThat(admin.send("GET", "/settings/people", Map.of()).body()).contains("Disabled maya@lodestar.test. They still "
                + "own 2 accounts and 1 open task");
        // Someone who owns nothing is disabled without a word about it.
        admin.send("POST", "/settings/people/users/" + leader.id() + "/enabled", Map.of("enabled", "false"));
        assertThat(admin.send("GET", "/settings/people", Map.of()).body()).contains("Disabled lead@lodestar.test.</")
                .doesNotContain("Disabled lead@lodestar.test. They");
    }

    @Test
    void badInputComesBackWithEachFieldNamedAndNothingWritten() {
        long people = users.count();
        long entries = audit.count();

        HttpResponse<String> user = admin.send("POST", "/settings/people/users", Map.of("email", "not-an-email",
                "name", "", "role", "boss", "password", "short"));

        assertThat(user.statusCode()).isEqualTo(200);
        assertThat(user.body()).contains("Nothing was saved.",
                "id=\"email-error\">expected an email address such as ana@example.com, got &#39;not-an-email&#39;",
                "id=\"name-error\">must be 1 to 200 characters",
                "id=\"role-error\">expected one of admin, cs-leader, csm, read-only",
                "id=\"password-error\">must have at least 10 characters")
                .as("the password is never shown back").doesNotContain("value=\"short\"");

        HttpResponse<String> token = admin.send("POST", "/settings/people/tokens", Map.of("name", "",
                "userId", "nobody", "scope", "root", "expiresOn", "2026-02-30"));

        assertThat(token.body()).contains("id=\"userId-error\">expected one of the users listed, got &#39;nobody&#39;",
                "id=\"scope-error\">expected one of read, write, admin, metrics, got &#39;root&#39;",
                "id=\"expiresOn-error\">expected a date as YYYY-MM-DD, got &#39;2026-02-30&#39;",
                "expected what uses the token, 1 to 100 characters");

        HttpResponse<String> past = admin.send("POST", "/settings/people/tokens", Map.of("name", "CRM sync",
                "userId", String.valueOf(me().id()), "scope", "read", "expiresOn", "2026-11-16"));
        assertThat(past.body()).contains("id=\"expiresOn-error\">expected a day after today (2026-11-16) and at most "
                + "2027-11-15 (tokens live at most 365 days here), got 2026-11-16");

        assertThat(users.count()).isEqualTo(people);
        assertThat(audit.count()).isEqualTo(entries);
    }

    @Test
    void aTokenIsShownOnceWorksAndIsRevokedButNeverStrongerThanItsHoldersRole() {
        User maya = users.findByEmail(MAYA).orElseThrow();
        int before = tokens.listFor(maya.id()).size();

        HttpResponse<String> tooStrong = admin.send("POST", "/settings/people/tokens", Map.of("name", "Maya's script",
                "userId", String.valueOf(maya.id()), "scope", "admin", "expiresOn", ""));

        assertThat(tooStrong.statusCode()).isEqualTo(200);
        assertThat(tooStrong.body()).contains("id=\"scope-error\">a csm can hold at most write tokens, asked for admin");
        assertThat(tokens.listFor(maya.id())).hasSize(before);

        HttpResponse<String> created = admin.send("POST", "/settings/people/tokens", Map.of("name", "Maya's script",
                "userId", String.valueOf(maya.id()), "scope", "write", "expiresOn", "2027-01-31"));

        assertThat(created.statusCode()).isEqualTo(302);
        String page = admin.send("GET", "/settings/people", Map.of()).body();
        Matcher secret = SECRET.matcher(page);
        assertThat(secret.find()).isTrue();
        ApiClient script = new ApiClient(port, secret.group(1));
        assertThat(script.get("/api/me").json().get("user").get("email").asString()).isEqualTo(MAYA);
        ApiToken token = tokens.listFor(maya.id()).getLast();
        assertThat(token.name()).isEqualTo("Maya's script");
        assertThat(token.scope()).isEqualTo(TokenScope.WRITE);
        assertThat(token.issuedRole()).isEqualTo(Role.CSM);
        assertThat(token.expiresAt()).hasToString("2027-02-01T00:00:00Z");
        assertThat(admin.send("GET", "/settings/people", Map.of()).body()).as("shown only once")
                .doesNotContain(secret.group(1)).contains("id=\"revoke-" + token.id() + "\"");

        admin.send("POST", "/settings/people/tokens/" + token.id() + "/revoke", Map.of());

        assertThat(tokens.get(token.id()).revokedAt()).isNotNull();
        assertThat(script.get("/api/me").status()).isEqualTo(401);
        assertThat(audit.find(new AuditQuery("api-token", String.valueOf(token.id()), null, null, null, 10)))
                .extracting(AuditEvent::action, AuditEvent::actorName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("revoke", LodestarTest.ADMIN_EMAIL),
                        org.assertj.core.groups.Tuple.tuple("create", LodestarTest.ADMIN_EMAIL));
    }

    @Test
    void nobodyButAnAdminReachesThePage() {
        long people = users.count();
        for (String email : new String[] { MAYA, LEADER }) {
            FormSession other = new FormSession(port);
            other.signIn(email, "password-1234");
            assertThat(other.send("GET", "/today", Map.of()).body()).as(email).doesNotContain("nav-people");
            assertThat(other.send("GET", "/settings/people", Map.of()).statusCode()).as(email).isEqualTo(403);
            assertThat(other.send("POST", "/settings/people/users", Map.of("email", "sneaky@lodestar.test",
                    "name", "Sneaky", "role", "admin", "password", "password-1234")).statusCode()).as(email).isEqualTo(403);
            assertThat(other.send("POST", "/settings/people/users/" + users.findByEmail(email).orElseThrow().id()
                    + "/role", Map.of("role", "admin")).statusCode()).as(email).isEqualTo(403);
        }
        assertThat(users.count()).isEqualTo(people);
        assertThat(users.findByEmail(MAYA).orElseThrow().role()).isEqualTo(Role.CSM);
    }

    private User me() {
        return users.findByEmail(LodestarTest.ADMIN_EMAIL).orElseThrow();
    }
}
