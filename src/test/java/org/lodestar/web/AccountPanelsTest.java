package org.lodestar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The account page's support, survey and invoice panels render what the account has. */
@LodestarTest
class AccountPanelsTest {

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Clock clock;
    ApiClient api;
    long acme;

    @BeforeEach
    void setUp() {
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        acme = api.post("/api/accounts", "{\"externalId\":\"P-ACME\",\"name\":\"Acme\"}").json().get("id").asLong();
    }

    @Test
    void panelsShowUrgentTicketsDetractorsAndOverdueInvoices() {
        LocalDate today = LocalDate.now(clock);
        api.post("/api/accounts/" + acme + "/tickets", "{\"externalId\":\"ZD-1\",\"subject\":\"Rockets misfire\","
                + "\"priority\":\"urgent\"}");
        api.post("/api/accounts/" + acme + "/tickets", "{\"externalId\":\"ZD-2\",\"subject\":\"Paint chipped\","
                + "\"status\":\"pending\"}");
        api.post("/api/accounts/" + acme + "/surveys", "{\"externalId\":\"NPS-1\",\"kind\":\"nps\",\"score\":3,"
                + "\"comment\":\"Too many misfires\"}");
        api.post("/api/accounts/" + acme + "/invoices", "{\"externalId\":\"INV-1\",\"currency\":\"USD\","
                + "\"amountDue\":12500,\"issuedOn\":\"" + today.minusDays(45) + "\",\"dueOn\":\"" + today.minusDays(15)
                + "\"}");

        String tickets = api.get("/accounts/" + acme + "/tickets").body();
        assertThat(tickets).contains("Rockets misfire", "Paint chipped")
                .containsPattern("id=\"tickets-unresolved\"[^>]*>2<").containsPattern("id=\"tickets-urgent\"[^>]*>1<");
        String surveys = api.get("/accounts/" + acme + "/surveys").body();
        assertThat(surveys).contains("Too many misfires", "detractor").containsPattern("id=\"account-nps\"[^>]*>-100<");
        String invoices = api.get("/accounts/" + acme + "/invoices").body();
        assertThat(invoices).contains("INV-1", "USD 12,500.00").containsPattern("id=\"invoices-overdue\"[^>]*>1<")
                .containsPattern("<td class=\"num days\">15</td>");

        String empty = api.get("/accounts/" + api.post("/api/accounts", "{\"externalId\":\"P-NONE\",\"name\":\"None\"}")
                .json().get("id").asLong() + "/invoices").body();
        assertThat(empty).contains("No invoices.");
    }
}
