package org.lodestar.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.lodestar.people.Users;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

@LodestarTest
class AccountsApiTest {

    // Their own users: a role changed or a user disabled here stays so for the other tests on the database.
    private static final String MAYA = "owner-demoted@lodestar.test";
    private static final String VIEWER = "owner-viewer@lodestar.test";
    private static final String LEFT = "owner-left@lodestar.test";

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Users users;
    ApiClient api;

    @BeforeEach
    void setUp() {
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
    }

    private long create(String externalId, String name, String extra) {
        ApiClient.Response created = api.post("/api/accounts",
                "{\"externalId\":\"" + externalId + "\",\"name\":\"" + name + "\"" + extra + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    @Test
    void createsReadsUpdatesAndDeletesAnAccount() {
        long id = create("CRM-1", "Northwind Traders", ",\"owner\":\"" + LodestarTest.ADMIN_EMAIL
                + "\",\"stage\":\"adoption\",\"coverage\":\"high-touch\",\"domain\":\"northwind.example\"");

        JsonNode account = api.get("/api/accounts/" + id).json();
        assertThat(account.get("name").asString()).isEqualTo("Northwind Traders");
        assertThat(account.get("stage").asString()).isEqualTo("adoption");
        assertThat(account.get("coverage").asString()).isEqualTo("high-touch");
        assertThat(account.get("segment").asString()).isEqualTo("smb");
        assertThat(account.get("owner").get("email").asString()).isEqualTo(LodestarTest.ADMIN_EMAIL);

        ApiClient.Response updated = api.put("/api/accounts/" + id,
                "{\"externalId\":\"CRM-1\",\"name\":\"Northwind Traders Ltd\",\"stage\":\"mature\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("name").asString()).isEqualTo("Northwind Traders Ltd");
        assertThat(updated.json().get("owner").isNull()).isTrue();

        assertThat(api.delete("/api/accounts/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/accounts/" + id).status()).isEqualTo(404);
    }

    @Test
    void filtersAndSortsTheBook() {
        create("A-1", "Alpha", ",\"stage\":\"onboarding\"");
        create("B-1", "Bravo", ",\"stage\":\"mature\",\"owner\":\"" + LodestarTest.ADMIN_EMAIL + "\"");
        create("C-1", "Charlie", ",\"stage\":\"mature\"");

        JsonNode mature = api.get("/api/accounts?stage=mature&sort=-name").json();
        assertThat(mature.get("total").asLong()).isEqualTo(2);
        assertThat(names(mature)).containsExactly("Charlie", "Bravo");

        JsonNode owned = api.get("/api/accounts?owner=" + LodestarTest.ADMIN_EMAIL).json();
        assertThat(names(owned)).containsExactly("Bravo");
        assertThat(names(api.get("/api/accounts?owner=none").json())).containsExactly("Alpha", "Charlie");
        assertThat(names(api.get("/api/accounts?q=arl").json())).containsExactly("Charlie");
        assertThat(names(api.get("/api/accounts?segment=smb&size=2").json())).containsExactly("Alpha", "Bravo");
    }

    @Test
    void segmentAndArrFollowTheContracts() {
        long id = create("ENT-1", "Initech", "");
        ApiClient.Response sub = api.post("/api/accounts/" + id + "/subscriptions", """
                {"externalId":"SUB-ENT-1","startDate":"2020-01-01","autoRenew":true,
                 "lineItems":[{"plan":"enterprise","seats":200,"arr":90000.00},
                              {"plan":"enterprise","module":"analytics","seats":200,"arr":15000.50}]}""");
        assertThat(sub.status()).as(sub.body()).isEqualTo(201);
        JsonNode account = api.get("/api/accounts/" + id).json();
        assertThat(account.get("arr").decimalValue()).isEqualByComparingTo("105000.50");
        assertThat(account.get("segment").asString()).isEqualTo("enterprise");

        assertThat(api.delete("/api/accounts/" + id).status()).as("an account with contracts is kept").isEqualTo(409);
        assertThat(api.delete("/api/subscriptions/" + sub.json().get("id").asLong()).status()).isEqualTo(204);
        assertThat(api.get("/api/accounts/" + id).json().get("segment").asString()).isEqualTo("smb");
    }

    @Test
    void parentsFormAHierarchyWithoutLoops() {
        long parent = create("P-1", "Globex Holdings", "");
        long child = create("P-1-UK", "Globex UK", ",\"parent\":\"P-1\"");
        assertThat(api.get("/api/accounts/" + child).json().get("parent").get("name").asString())
                .isEqualTo("Globex Holdings");

        ApiClient.Response loop = api.put("/api/accounts/" + parent,
                "{\"externalId\":\"P-1\",\"name\":\"Globex Holdings\",\"parent\":\"P-1-UK\"}");
        assertThat(loop.status()).isEqualTo(400);
        assertThat(loop.json().get("errors").get(0).get("field").asString()).isEqualTo("parent");
    }

    /**
     * An account goes to someone who can work it: a read-only or disabled user is refused as its owner, on create and
     * on update, with the owner field named. One who owned it before being made read-only keeps it while it is edited.
     */
    @Test
    void aReadOnlyOrDisabledUserCannotBeGivenAnAccount() {
        book.tokenFor(VIEWER, Role.READ_ONLY, TokenScope.READ);
        book.tokenFor(LEFT, Role.CSM, TokenScope.READ);
        book.tokenFor(MAYA, Role.CSM, TokenScope.READ);
        long left = users.findByEmail(LEFT).orElseThrow().id();
        assertThat(api.put("/api/users/" + left + "/enabled", "{\"enabled\":false}").status()).isEqualTo(200);

        ApiClient.Response toViewer = api.post("/api/accounts",
                "{\"externalId\":\"RO-1\",\"name\":\"Initech\",\"owner\":\"" + VIEWER + "\"}");
        assertThat(toViewer.status()).as(toViewer.body()).isEqualTo(400);
        assertThat(toViewer.json().get("errors").get(0).get("field").asString()).isEqualTo("owner");
        assertThat(toViewer.json().get("errors").get(0).get("reason").asString())
                .isEqualTo(VIEWER + " is a read-only user and cannot own accounts");
        assertThat(names(api.get("/api/accounts").json())).as("nothing written").isEmpty();

        long id = create("RO-1", "Initech", ",\"owner\":\"" + MAYA + "\"");
        ApiClient.Response toLeft = api.put("/api/accounts/" + id,
                "{\"externalId\":\"RO-1\",\"name\":\"Initech\",\"owner\":\"" + LEFT + "\"}");
        assertThat(toLeft.status()).as(toLeft.body()).isEqualTo(400);
        assertThat(toLeft.json().get("errors").get(0).get("field").asString()).isEqualTo("owner");
        assertThat(toLeft.json().get("errors").get(0).get("reason").asString())
                .isEqualTo(LEFT + " is disabled and cannot own accounts");
        ApiClient.Response updateToViewer = api.put("/api/accounts/" + id,
                "{\"externalId\":\"RO-1\",\"name\":\"Initech\",\"owner\":\"" + VIEWER + "\"}");
        assertThat(updateToViewer.status()).isEqualTo(400);
        assertThat(updateToViewer.body()).contains(VIEWER + " is a read-only user and cannot own accounts");
        assertThat(api.get("/api/accounts/" + id).json().get("owner").get("email").asString()).isEqualTo(MAYA);

        long maya = users.findByEmail(MAYA).orElseThrow().id();
        assertThat(api.put("/api/users/" + maya + "/role", "{\"role\":\"read-only\"}").status()).isEqualTo(200);
        ApiClient.Response renamed = api.put("/api/accounts/" + id,
                "{\"externalId\":\"RO-1\",\"name\":\"Initech Ltd\",\"owner\":\"" + MAYA + "\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("owner").get("email").asString()).as("kept as it was").isEqualTo(MAYA);
        assertThat(renamed.json().get("name").asString()).isEqualTo("Initech Ltd");
    }

    @Test
    void stakeholdersRecordASponsorLeavingOnTheTimeline() {
        long id = create("S-1", "Umbrella", "");
        ApiClient.Response added = api.post("/api/accounts/" + id + "/stakeholders",
                "{\"email\":\"Dana@Umbrella.example\",\"name\":\"Dana Scully\",\"role\":\"economic-sponsor\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        long stakeholder = added.json().get("id").asLong();
        assertThat(added.json().get("email").asString()).isEqualTo("dana@umbrella.example");

        ApiClient.Response left = api.put("/api/accounts/" + id + "/stakeholders/" + stakeholder,
                "{\"email\":\"dana@umbrella.example\",\"name\":\"Dana Scully\",\"role\":\"economic-sponsor\","
                        + "\"status\":\"left\",\"leftOn\":\"2026-01-15\"}");
        assertThat(left.status()).as(left.body()).isEqualTo(200);
        assertThat(left.json().get("leftOn").asString()).isEqualTo("2026-01-15");

        JsonNode timeline = api.get("/api/accounts/" + id + "/timeline").json();
        assertThat(timeline.get(0).get("kind").asString()).isEqualTo("change");
        assertThat(timeline.get(0).get("subject").asString()).isEqualTo("Economic sponsor Dana Scully left Umbrella");
        assertThat(timeline.get(0).get("occurredAt").asString()).startsWith("2026-01-15");

        ApiClient.Response again = api.put("/api/accounts/" + id + "/stakeholders/" + stakeholder,
                "{\"email\":\"dana@umbrella.example\",\"name\":\"Dana K. Scully\",\"role\":\"economic-sponsor\","
                        + "\"status\":\"left\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("leftOn").asString()).as("sent again without a date, she keeps the day she left")
                .isEqualTo("2026-01-15");
    }

    @Test
    void logsNotesAndMeetingsOnTheTimeline() {
        long id = create("T-1", "Hooli", "");
        ApiClient.Response meeting = api.post("/api/accounts/" + id + "/timeline",
                "{\"kind\":\"meeting\",\"meetingType\":\"qbr\",\"subject\":\"Q3 business review\","
                        + "\"occurredAt\":\"2026-10-01T15:00:00Z\"}");
        assertThat(meeting.status()).as(meeting.body()).isEqualTo(201);
        ApiClient.Response noType = api.post("/api/accounts/" + id + "/timeline",
                "{\"kind\":\"meeting\",\"subject\":\"Untyped\"}");
        assertThat(noType.status()).isEqualTo(400);
        assertThat(noType.body()).contains("meetingType");

        JsonNode timeline = api.get("/api/accounts/" + id + "/timeline").json();
        assertThat(timeline).hasSize(1);
        assertThat(timeline.get(0).get("meetingType").asString()).isEqualTo("qbr");
        assertThat(timeline.get(0).get("author").asString()).contains("bootstrap").contains(LodestarTest.ADMIN_EMAIL);
    }

    private static List<String> names(JsonNode list) {
        return list.get("accounts").valueStream().map(a -> a.get("name").asString()).toList();
    }
}
