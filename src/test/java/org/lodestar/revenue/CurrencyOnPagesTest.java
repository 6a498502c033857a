package org.lodestar.revenue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.FormSession;
import org.lodestar.LodestarTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A book kept in euros, written the German way: the revenue pages write every amount in it, and the charts drawn in
 * the browser read the currency and locale from the page.
 */
@LodestarTest
@TestPropertySource(properties = { "lodestar.currency=EUR", "lodestar.locale=de-DE" })
class CurrencyOnPagesTest {

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    Clock clock;

    @Test
    void revenueAndRenewalsWriteAmountsInTheBooksCurrency() {
        book.empty();
        ApiClient api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        LocalDate today = LocalDate.now(clock);
        long account = api.post("/api/accounts", "{\"externalId\":\"KUGEL\",\"name\":\"Kugel GmbH\"}").json().get("id").asLong();
        ApiClient.Response added = api.post("/api/accounts/" + account + "/subscriptions", "{\"externalId\":\"K-1\",\"startDate\":\""
                + today.minusDays(300) + "\",\"endDate\":\"" + today.plusDays(65) + "\",\"autoRenew\":true,"
                + "\"lineItems\":[{\"plan\":\"growth\",\"seats\":10,\"arr\":120000}]}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        FormSession admin = new FormSession(port);
        admin.signIn(LodestarTest.ADMIN_EMAIL, LodestarTest.ADMIN_PASSWORD);

        String renewals = admin.send("GET", "/renewals", Map.of()).body();
        assertThat(renewals).contains("<meta name=\"lodestar-currency\" content=\"EUR\">",
                "<meta name=\"lodestar-locale\" content=\"de-DE\">", "id=\"renewals-due\">120.000\u00a0€<");
        String revenue = admin.send("GET", "/revenue", Map.of()).body();
        assertThat(revenue).contains("120.000\u00a0€").doesNotContain("$");
    }
}
