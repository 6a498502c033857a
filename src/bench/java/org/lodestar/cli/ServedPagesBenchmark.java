package org.lodestar.cli;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "served-pages", description = {
        "The pages of a running Lodestar (such as ./lodestar demo) as one signed-in user sees them: each page asked for "
                + "one request at a time, after a warm-up, printing the median, p95 and largest time and the page's size.",
        "Goal (issue: the slow pages): every page's median under 150 ms on the demo book. 'Backtest, computed each time' "
                + "asks for a backtest of another date range on every request, as every request did before the "
                + "backtest was kept." })
class ServedPagesBenchmark implements Callable<Integer> {

    static final double GOAL_MEDIAN_MS = 150;
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern ACCOUNT_LINK = Pattern.compile("href=\"/accounts/(\\d+)\"");

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The running Lodestar (default: "
            + "${DEFAULT-VALUE}).")
    String url;
    @Option(names = "--email", defaultValue = "admin@lodestar.local", description = "Who signs in (default: ${DEFAULT-VALUE}).")
    String email;
    @Option(names = "--password", defaultValue = "${env:LODESTAR_ADMIN_PASSWORD:-lodestar-demo}", description = "Their "
            + "password (default: $LODESTAR_ADMIN_PASSWORD, else the demo's).")
    String password;
    @Option(names = "--requests", defaultValue = "40", description = "Timed requests per page (default: ${DEFAULT-VALUE}).")
    int requests;
    @Option(names = "--warmup", defaultValue = "5", description = "Requests per page before the timed ones (default: "
            + "${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--pages", split = ",", description = "Only these pages, by the start of their name in lower case "
            + "(today, book, account, revenue, team, renewals, hygiene, backtest, audit; default: all).")
    List<String> only;

    /** A page by name; the path to ask for next (the same every time, except for the backtest computed each time). */
    private record Page(String name, Supplier<String> path) {
    }

    @Override
    public Integer call() throws Exception {
        if (requests < 1 || warmup < 0) {
            System.err.println("Expected --requests >= 1 and --warmup >= 0");
            return 2;
        }
        String base = url.replaceAll("/+$", "");
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10))
                .build();
        String refusal = signIn(http, base);
        if (refusal != null) {
            System.err.println(refusal);
            return 1;
        }
        Matcher account = ACCOUNT_LINK.matcher(get(http, base, "/book").body());
        String accountPath = account.find() ? "/accounts/" + account.group(1) : null;
        // The page's default range ends 90 days (its default horizon) before today; each request here ends a day earlier.
        LocalDate lastEnd = LocalDate.now(ZoneOffset.UTC).minusDays(90);
        AtomicInteger daysBack = new AtomicInteger();
        List<Page> pages = new ArrayList<>(List.of(new Page("Today", () -> "/today"), new Page("Book", () -> "/book")));
        if (accountPath != null) {
            pages.add(new Page("Account page", () -> accountPath));
            pages.add(new Page("Account health panel", () -> accountPath + "/health"));
        }
        pages.addAll(List.of(new Page("Revenue", () -> "/revenue"), new Page("Team", () -> "/team"),
                new Page("Renewals", () -> "/renewals"), new Page("Hygiene", () -> "/hygiene"),
                new Page("Backtest (page)", () -> "/health/backtest"),
                new Page("Backtest, computed each time", () -> "/health/backtest?to=" + lastEnd.minusDays(
                        daysBack.incrementAndGet())),
                new Page("Audit", () -> "/audit")));
        System.out.printf("Pages of %s signed in as %s: %d warm-up and %d timed requests each, one at a time (goal: "
                + "median < %.0f ms)%n", base, email, warmup, requests, GOAL_MEDIAN_MS);
        System.out.printf("  %-32s %9s %9s %9s %10s%n", "page", "median", "p95", "max", "size");
        boolean allMet = true;
        for (Page page : pages) {
            if (only != null && only.stream().noneMatch(o -> page.name().toLowerCase(Locale.ROOT)
                    .startsWith(o.trim().toLowerCase(Locale.ROOT)))) {
                continue;
            }
            for (int i = 0; i < warmup; i++) {
                get(http, base, page.path().get());
            }
            double[] millis = new double[requests];
            int bytes = 0;
            int failures = 0;
            for (int i = 0; i < requests; i++) {
                long sent = System.nanoTime();
                HttpResponse<String> answer = get(http, base, page.path().get());
                millis[i] = (System.nanoTime() - sent) / 1e6;
                bytes = answer.body().getBytes(StandardCharsets.UTF_8).length;
                if (answer.statusCode() != 200) {
                    failures++;
                }
            }
            Arrays.sort(millis);
            double median = percentile(millis, 0.50);
            boolean met = median < GOAL_MEDIAN_MS && failures == 0;
            allMet &= met || page.name().endsWith("computed each time");
            System.out.printf("  %-32s %6.1f ms %6.1f ms %6.0f ms %7.1f KB  %s%n", page.name(), median,
                    percentile(millis, 0.95), millis[millis.length - 1], bytes / 1024.0,
                    failures > 0 ? failures + " not answered 200" : met ? "" : "slow");
        }
        System.out.println("Goal: every page's median under " + (int) GOAL_MEDIAN_MS + " ms (the backtest computed each time "
                + "is the figure from before it was kept): " + (allMet ? "PASS" : "MISS"));
        return 0;
    }

    /** Signs in through the login form, as a browser does; returns why it failed, or null. */
    private String signIn(HttpClient http, String base) throws Exception {
        HttpResponse<String> login;
        try {
            login = get(http, base, "/login");
        } catch (java.io.IOException e) {
            return "No Lodestar answers at " + base + " (" + e.getMessage() + "); start one (./lodestar demo) or give --url";
        }
        Matcher csrf = CSRF_FIELD.matcher(login.body());
        if (!csrf.find()) {
            return base + "/login carries no sign-in form with a CSRF token: is it Lodestar?";
        }
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(csrf.group(1),
                        StandardCharsets.UTF_8);
        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.discarding());
        String next = answer.headers().firstValue("Location").orElse("");
        return answer.statusCode() == 302 && !next.contains("error") ? null
                : "Signing in as " + email + " failed (" + answer.statusCode() + " " + next + "): check --email and --password";
    }

    private static HttpResponse<String> get(HttpClient http, String base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value below which {@code share} of the sorted values lie (nearest rank). */
    private static double percentile(double[] sorted, double share) {
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * share) - 1))];
    }
}
