package org.lodestar.revenue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.Book;
import org.lodestar.FormSession;
import org.lodestar.LodestarTest;
import org.lodestar.TestClock;
import org.lodestar.accounts.Account;
import org.lodestar.accounts.AccountDraft;
import org.lodestar.accounts.Accounts;
import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.audit.AuditEvent;
import org.lodestar.audit.AuditLog;
import org.lodestar.audit.AuditQuery;
import org.lodestar.people.Role;
import org.lodestar.people.TokenScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * An account's contracts edited from its Contracts tab: a CSM adds a contract, changes its term, changes a line
 * item's seats from a day, adds and ends line items, each change audited under their name with before and after,
 * and the ARR ledger shows the expansion, contraction or churn on the day it takes effect. Bad input is named
 * field by field with nothing written; a read-only user sees no buttons and is refused.
 */
@LodestarTest
@Import(TestClock.Config.class)
class ContractFormsTest {

    private static final String PASSWORD = "password-1234";
    private static final String MAYA = "maya@lodestar.test";
    private static final String VIEWER = "viewer@lodestar.test";
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 16);

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Accounts accounts;
    @Autowired
    Subscriptions subscriptions;
    @Autowired
    ArrLedger ledger;
    @Autowired
    AuditLog audit;
    @Autowired
    TestClock clock;
    FormSession maya;
    Account acme;

    @BeforeEach
    void setUp() {
        clock.setDay(TODAY);
        book.empty();
        book.tokenFor(MAYA, Role.CSM, TokenScope.WRITE);
        book.tokenFor(VIEWER, Role.READ_ONLY, TokenScope.READ);
        acme = Actors.runAs(Actor.system(), () -> accounts.create(new AccountDraft("ACME-1", null, null, "Acme", null,
                null, null, MAYA, null, null, null)));
        maya = new FormSession(port);
        maya.signIn(MAYA, PASSWORD);
    }

    @Test
    void aCsmAddsAContractWithItsFirstLineItemAndChangesItsTerm() {
        assertThat(panel(maya)).contains("id=\"add-contract\"", "href=\"/accounts/" + acme.id() + "/contracts/new\"");
        assertThat(maya.send("GET", "/accounts/" + acme.id() + "/contracts/new", Map.of()).statusCode()).isEqualTo(200);

        HttpResponse<String> added = maya.send("POST", "/accounts/" + acme.id() + "/contracts/new",
                contract("", "2026-01-01", "2027-01-01", true, "growth", "", "10", "12,000"));

        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(location(added)).isEqualTo("/accounts/" + acme.id() + "?tab=contracts");
        Subscription created = only();
        assertThat(created.externalId()).as("made from the account's and the start day").isEqualTo("ACME-1-2026-01-01");
        assertThat(created.autoRenew()).isTrue();
        assertThat(created.lineItems()).containsExactly(new LineItem(created.lineItems().get(0).id(), "growth", "core",
                10, new BigDecimal("12000.00"), LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1)));
        assertThat(accounts.get(acme.id()).arr()).isEqualByComparingTo("12000");
        assertThat(maya.send("GET", location(added), Map.of()).body())
                .contains("Added contract Growth · core (ACME-1-2026-01-01).");
        assertThat(panel(maya)).contains("$12,000 ARR today", "$12,000.00", "id=\"edit-contract-" + created.id() + "\"");
        assertThat(net()).containsExactly(Map.entry("2026-01-01 new", "12000.00"),
                Map.entry("2027-01-01 churn", "-12000.00"));

        HttpResponse<String> edited = maya.send("POST", "/accounts/" + acme.id() + "/contracts/" + created.id() + "/edit",
                contract(null, "2026-01-01", "2028-01-01", false, null, null, null, null));

        assertThat(edited.statusCode()).isEqualTo(302);
        Subscription after = subscriptions.get(created.id());
        assertThat(after.endDate()).isEqualTo(LocalDate.of(2028, 1, 1));
        assertThat(after.autoRenew()).isFalse();
        assertThat(after.lineItems().get(0).endDate()).as("the line item on the term follows it")
                .isEqualTo(LocalDate.of(2028, 1, 1));
        assertThat(net()).as("the churn moves a year on").containsExactly(Map.entry("2026-01-01 new", "12000.00"),
                Map.entry("2028-01-01 churn", "-12000.00"));
        List<AuditEvent> trail = trail(created.id());
        assertThat(trail).extracting(AuditEvent::action).containsExactly("update", "create");
        assertThat(trail).extracting(AuditEvent::actorName).containsOnly(MAYA);
        assertThat(trail.get(0).summary()).isEqualTo("Changed the term of subscription ACME-1-2026-01-01: 2026-01-01 to "
                + "2027-01-01 → 2026-01-01 to 2028-01-01, no longer renewing automatically");
        assertThat(trail.get(0).before()).contains("\"endDate\":\"2027-01-01\"", "\"autoRenew\":true");
        assertThat(trail.get(0).after()).contains("\"endDate\":\"2028-01-01\"", "\"autoRenew\":false");
    }

    @Test
    void moreSeatsFromADayAreAnExpansionThatDayAndEndedLineItemsStayInTheHistory() {
        Subscription s1 = existing();
        long growth = s1.lineItems().get(0).id();
        assertThat(panel(maya)).contains("id=\"edit-line-item-" + growth + "\"", "id=\"end-line-item-" + growth + "\"",
                "id=\"add-line-item-" + s1.id() + "\"");
        assertThat(maya.send("GET", itemPath(s1, growth) + "/edit", Map.of()).body())
                .as("a change takes effect today unless said otherwise").contains("value=\"2026-11-16\"");

        // 10 → 15 seats at 1,200 a seat: 12,000 → 18,000 a year, an expansion of 6,000 from today.
        HttpResponse<String> changed = maya.send("POST", itemPath(s1, growth) + "/edit",
                item("growth", "core", "15", "18000", Map.of("from", "2026-11-16")));

        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(net()).containsExactly(Map.entry("2026-01-01 new", "12000.00"),
                Map.entry("2026-11-16 expansion", "6000.00"), Map.entry("2027-01-01 churn", "-18000.00"));
        assertThat(accounts.get(acme.id()).arr()).isEqualByComparingTo("18000");
        assertThat(subscriptions.get(s1.id()).lineItems()).extracting(LineItem::seats, LineItem::startDate, LineItem::endDate)
                .as("the ten seats are kept, ending the day the fifteen start").containsExactly(
                        tuple(10, LocalDate.of(2026, 1, 1), TODAY),
                        tuple(15, TODAY, LocalDate.of(2027, 1, 1)));
        AuditEvent change = trail(s1.id()).get(0);
        assertThat(change.actorName()).isEqualTo(MAYA);
        assertThat(change.summary()).isEqualTo("Changed growth · core of subscription S-1 from 2026-11-16: 10 → 15 seats, "
                + "ARR 12000.00 → 18000.00");
        assertThat(change.before()).contains("\"seats\":10").doesNotContain("\"seats\":15");
        assertThat(change.after()).contains("\"seats\":10", "\"seats\":15", "\"arr\":18000.00");
        assertThat(panel(maya)).contains("$18,000 ARR today");

        // An add-on of 3,000 from 2026-12-01, ended on 2026-12-15: an expansion and a contraction of 3,000.
        HttpResponse<String> addOn = maya.send("POST", "/accounts/" + acme.id() + "/contracts/" + s1.id() + "/items/new",
                item("add-on", "analytics", "0", "3000", Map.of("startDate", "2026-12-01", "endDate", "")));
        assertThat(addOn.statusCode()).isEqualTo(302);
        LineItem analytics = subscriptions.get(s1.id()).lineItems().stream().filter(i -> i.module().equals("analytics"))
                .findFirst().orElseThrow();
        assertThat(analytics.endDate()).as("to the contract's end").isEqualTo(LocalDate.of(2027, 1, 1));
        HttpResponse<String> ended = maya.send("POST", itemPath(s1, analytics.id()) + "/end", Map.of("on", "2026-12-15"));
        assertThat(ended.statusCode()).isEqualTo(302);

        // The growth line ends on 2026-12-20: nothing is left, a churn of 18,000 that day instead of at the term's end.
        long fifteen = subscriptions.get(s1.id()).lineItems().stream().filter(i -> i.seats() == 15).findFirst()
                .orElseThrow().id();
        assertThat(maya.send("POST", itemPath(s1, fifteen) + "/end", Map.of("on", "2026-12-20")).statusCode())
                .isEqualTo(302);

        assertThat(net()).containsExactly(Map.entry("2026-01-01 new", "12000.00"),
                Map.entry("2026-11-16 expansion", "6000.00"), Map.entry("2026-12-01 expansion", "3000.00"),
                Map.entry("2026-12-15 contraction", "-3000.00"), Map.entry("2026-12-20 churn", "-18000.00"));
        assertThat(subscriptions.get(s1.id()).lineItems()).as("nothing deleted").hasSize(3);
        assertThat(trail(s1.id())).extracting(AuditEvent::summary).containsSequence(
                "Ended growth · core of subscription S-1 on 2026-12-20: 15 seats, ARR 18000.00",
                "Ended add-on · analytics of subscription S-1 on 2026-12-15: 0 seats, ARR 3000.00",
                "Added add-on · analytics to subscription S-1: 0 seats, ARR 3000.00");
        assertThat(trail(s1.id())).extracting(AuditEvent::actorName).containsOnly(MAYA, "lodestar");
    }

    @Test
    void badInputComesBackWithEachFieldNamedAndNothingWritten() {
        Subscription s1 = existing();
        long growth = s1.lineItems().get(0).id();
        long entries = audit.count();
        List<ArrMovement> movements = ledger.forAccount(acme.id());

        HttpResponse<String> answer = maya.send("POST", "/accounts/" + acme.id() + "/contracts/new",
                contract("S-1", "2026-06-01", "2026-01-01", false, " ", "core", "ten", "12k"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Nothing was saved.",
                "id=\"externalId-error\">a contract with external id S-1 already exists; expected a new id, or leave it empty for one to be made",
                "id=\"endDate-error\">must be after startDate 2026-06-01, got 2026-01-01",
                "id=\"plan-error\">must be 1 to 100 characters",
                "id=\"seats-error\">expected a whole number of 0 or more, got &#39;ten&#39;",
                "id=\"arr-error\">expected an amount of 0 or more, such as 12000 or 12000.50, got &#39;12k&#39;")
                .as("what was typed is shown again").contains("value=\"ten\"", "value=\"12k\"");

        HttpResponse<String> negative = maya.send("POST", itemPath(s1, growth) + "/edit",
                item("growth", "core", "-5", "-1", Map.of("from", "2025-12-01")));
        assertThat(negative.statusCode()).isEqualTo(200);
        assertThat(negative.body()).contains("id=\"seats-error\">expected a whole number of 0 or more, got -5",
                "id=\"arr-error\">expected an amount of 0 or more, got -1",
                "id=\"from-error\">must be on or after the line item&#39;s start 2026-01-01, got 2025-12-01");

        HttpResponse<String> early = maya.send("POST", itemPath(s1, growth) + "/end", Map.of("on", "2025-06-01"));
        assertThat(early.statusCode()).isEqualTo(200);
        assertThat(early.body()).contains("id=\"on-error\">must be after the line item&#39;s start 2026-01-01, got 2025-06-01");

        HttpResponse<String> empty = maya.send("POST", "/accounts/" + acme.id() + "/contracts/" + s1.id() + "/items/new",
                Map.of());
        assertThat(empty.statusCode()).as("an empty post is a form with problems, not a 500").isEqualTo(200);
        assertThat(empty.body()).contains("id=\"plan-error\">must be 1 to 100 characters",
                "id=\"seats-error\">expected a whole number of 0 or more, got nothing");

        HttpResponse<String> outside = maya.send("POST", "/accounts/" + acme.id() + "/contracts/" + s1.id() + "/items/new",
                item("add-on", "analytics", "2", "2000", Map.of("startDate", "2026-12-01", "endDate", "2027-06-01")));
        assertThat(outside.body()).contains("id=\"endDate-error\">must not be after the subscription&#39;s end 2027-01-01");

        HttpResponse<String> shorter = maya.send("POST", "/accounts/" + acme.id() + "/contracts/" + s1.id() + "/edit",
                contract(null, "2026-01-01", "not a day", false, null, null, null, null));
        assertThat(shorter.body()).contains("id=\"endDate-error\">expected a date as YYYY-MM-DD between 0001-01-01 and 9999-12-31, got &#39;not a day&#39;");

        assertThat(subscriptions.listForAccount(acme.id())).containsExactly(s1);
        assertThat(audit.count()).isEqualTo(entries);
        assertThat(ledger.forAccount(acme.id())).isEqualTo(movements);
    }

    @Test
    void savingAFormWithNothingChangedWritesNothingAndSaysSo() {
        Subscription s1 = existing();
        long growth = s1.lineItems().get(0).id();
        long entries = audit.count();
        List<ArrMovement> movements = ledger.forAccount(acme.id());

        // The Edit form as it comes, from today: the same plan, module, 10 seats and 12,000.00.
        HttpResponse<String> same = maya.send("POST", itemPath(s1, growth) + "/edit",
                item("growth", "core", "10", "12000.00", Map.of("from", TODAY.toString())));

        assertThat(same.statusCode()).isEqualTo(302);
        assertThat(maya.send("GET", location(same), Map.of()).body())
                .contains("Nothing changed: growth · core of contract S-1 already has these values.");
        assertThat(subscriptions.get(s1.id())).as("not split, the same line item id").isEqualTo(s1);
        assertThat(maya.send("GET", itemPath(s1, growth) + "/edit", Map.of()).statusCode()).isEqualTo(200);

        HttpResponse<String> term = maya.send("POST", "/accounts/" + acme.id() + "/contracts/" + s1.id() + "/edit",
                contract(null, "2026-01-01", "2027-01-01", false, null, null, null, null));
        assertThat(term.statusCode()).isEqualTo(302);
        assertThat(maya.send("GET", location(term), Map.of()).body())
                .contains("Nothing changed: contract S-1 already has that term.");

        assertThat(subscriptions.get(s1.id())).isEqualTo(s1);
        assertThat(audit.count()).as("nothing audited").isEqualTo(entries);
        assertThat(ledger.forAccount(acme.id())).isEqualTo(movements);
    }

    @Test
    void aDayNoContractHasIsNamedByItsLabelWithTheRangeAndNothingWritten() {
        Subscription s1 = existing();
        long growth = s1.lineItems().get(0).id();
        long entries = audit.count();

        HttpResponse<String> added = maya.send("POST", "/accounts/" + acme.id() + "/contracts/new",
                contract("S-2", "0001-01-01", "9999-12-31", false, "growth", "core", "10", "12000"));

        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).contains("Nothing was saved.",
                "id=\"startDate-error\">must be between 1990-01-01 and 2100-12-31, got 0001-01-01",
                "id=\"endDate-error\">must be between 1990-01-01 and 2100-12-31, got 9999-12-31",
                "<li>Start date: must be between 1990-01-01 and 2100-12-31, got 0001-01-01</li>",
                "<li>End date: must be between 1990-01-01 and 2100-12-31, got 9999-12-31</li>");

        HttpResponse<String> term = maya.send("POST", "/accounts/" + acme.id() + "/contracts/" + s1.id() + "/edit",
                contract(null, "2026-01-01", "2101-01-01", false, null, null, null, null));
        assertThat(term.body()).contains("<li>End date: must be between 1990-01-01 and 2100-12-31, got 2101-01-01</li>");

        HttpResponse<String> item = maya.send("POST", "/accounts/" + acme.id() + "/contracts/" + s1.id() + "/items/new",
                item("add-on", "analytics", "2", "2000", Map.of("startDate", "1989-12-31", "endDate", "")));
        assertThat(item.body()).contains("<li>Start date: must be between 1990-01-01 and 2100-12-31, got 1989-12-31</li>");

        HttpResponse<String> from = maya.send("POST", itemPath(s1, growth) + "/edit",
                item("growth", "core", "15", "18000", Map.of("from", "0001-01-01")));
        assertThat(from.body()).contains("id=\"from-error\">must be between 1990-01-01 and 2100-12-31, got 0001-01-01",
                "<li>From: must be between 1990-01-01 and 2100-12-31, got 0001-01-01</li>");

        assertThat(subscriptions.listForAccount(acme.id())).containsExactly(s1);
        assertThat(audit.count()).isEqualTo(entries);
    }

    @Test
    void aReadOnlyUserSeesNoEditButtonsAndIsRefused() {
        Subscription s1 = existing();
        long growth = s1.lineItems().get(0).id();
        FormSession viewer = new FormSession(port);
        viewer.signIn(VIEWER, PASSWORD);
        long entries = audit.count();

        assertThat(panel(viewer)).contains("S-1", "$12,000 ARR today")
                .doesNotContain("add-contract", "edit-contract-", "add-line-item-", "edit-line-item-", "end-line-item-");
        assertThat(viewer.send("POST", "/accounts/" + acme.id() + "/contracts/new",
                contract("NEW-1", "2026-01-01", "", false, "growth", "core", "1", "100")).statusCode()).isEqualTo(403);
        assertThat(viewer.send("POST", "/accounts/" + acme.id() + "/contracts/" + s1.id() + "/edit",
                contract(null, "2026-01-01", "", false, null, null, null, null)).statusCode()).isEqualTo(403);
        assertThat(viewer.send("POST", itemPath(s1, growth) + "/edit",
                item("growth", "core", "15", "18000", Map.of("from", "2026-11-16"))).statusCode()).isEqualTo(403);
        assertThat(viewer.send("POST", itemPath(s1, growth) + "/end", Map.of("on", "2026-11-16")).statusCode())
                .isEqualTo(403);
        assertThat(viewer.send("POST", "/accounts/" + acme.id() + "/contracts/" + s1.id() + "/items/new",
                item("add-on", "analytics", "0", "3000", Map.of())).statusCode()).isEqualTo(403);
        assertThat(subscriptions.listForAccount(acme.id())).containsExactly(s1);
        assertThat(audit.count()).isEqualTo(entries);
    }

    /** S-1: growth · core, 10 seats at 1,200 a seat, from 2026-01-01 to 2027-01-01, made by an import. */
    private Subscription existing() {
        return Actors.runAs(Actor.system(), () -> subscriptions.create(acme.id(), new SubscriptionDraft("S-1",
                LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), false, List.of(new SubscriptionDraft.Item("growth",
                        "core", 10, new BigDecimal("12000"), null, null)))));
    }

    private Subscription only() {
        List<Subscription> all = subscriptions.listForAccount(acme.id());
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private String panel(FormSession session) {
        return session.send("GET", "/accounts/" + acme.id() + "/subscriptions", Map.of()).body();
    }

    private String itemPath(Subscription contract, long itemId) {
        return "/accounts/" + acme.id() + "/contracts/" + contract.id() + "/items/" + itemId;
    }

    /** The ledger summed by day and kind, days and kinds that net to nothing left out: what it says happened. */
    private Map<String, String> net() {
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (ArrMovement m : ledger.forAccount(acme.id())) {
            sums.merge(m.effectiveDate() + " " + m.kind().label(), m.amount(), BigDecimal::add);
        }
        Map<String, String> net = new LinkedHashMap<>();
        sums.forEach((key, sum) -> {
            if (sum.signum() != 0) {
                net.put(key, sum.setScale(2).toPlainString());
            }
        });
        return net;
    }

    private List<AuditEvent> trail(long subscriptionId) {
        return audit.find(new AuditQuery("subscription", String.valueOf(subscriptionId), null, null, null, 100));
    }

    private static Map<String, String> contract(String externalId, String start, String end, boolean autoRenew,
            String plan, String module, String seats, String arr) {
        Map<String, String> form = new LinkedHashMap<>();
        if (externalId != null) {
            form.put("externalId", externalId);
        }
        form.put("startDate", start);
        form.put("endDate", end);
        if (autoRenew) {
            form.put("autoRenew", "true");
        }
        if (plan != null) {
            form.put("plan", plan);
            form.put("module", module);
            form.put("seats", seats);
            form.put("arr", arr);
        }
        return form;
    }

    private static Map<String, String> item(String plan, String module, String seats, String arr,
            Map<String, String> days) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("plan", plan);
        form.put("module", module);
        form.put("seats", seats);
        form.put("arr", arr);
        form.putAll(days);
        return form;
    }

    private static String location(HttpResponse<String> answer) {
        URI next = URI.create(answer.headers().firstValue("Location").orElseThrow());
        return next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
    }
}
