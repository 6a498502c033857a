package org.lodestar.surveys.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.lodestar.accounts.AccountScope;
import org.lodestar.accounts.Accounts;
import org.lodestar.infrastructure.PageParameters;
import org.lodestar.infrastructure.PageWindow;
import org.lodestar.people.SignedIn;
import org.lodestar.surveys.NpsCategory;
import org.lodestar.surveys.SurveyCounts;
import org.lodestar.surveys.SurveyKind;
import org.lodestar.surveys.SurveyResponses;
import org.lodestar.surveys.SurveySearch;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Every NPS and CSAT answer of the book on one page, newest first, 50 at a time: filtered by kind, NPS band, how
 * recent and whose accounts, with the NPS and CSAT of all that match and a CSV of them.
 */
@Controller
class SurveysPage {

    static final int PAGE_SIZE = 50;
    /** The windows the page offers, in days; 0 is every answer ever given. */
    static final List<Integer> WINDOWS = List.of(30, 90, 180, 365, 0);
    static final int DEFAULT_WINDOW = 90;

    /** The page's filters as its query parameters say them, read leniently (a value it does not know is named and left out). */
    record Query(AccountScope scope, SurveyKind kind, NpsCategory band, int days, int page, List<String> notices) {

        static Query read(String whose, String kind, String band, String days, String page, SignedIn me) {
            PageParameters read = new PageParameters();
            AccountScope scope = read.choice("accounts", AccountScope.class, whose, "your default");
            SurveyKind parsedKind = read.choice("kind", SurveyKind.class, kind, "both kinds");
            NpsCategory parsedBand = read.choice("band", NpsCategory.class, band, "every band");
            int window = "all".equalsIgnoreCase(days == null ? "" : days.trim()) ? 0
                    : read.oneOf("days", days, WINDOWS.subList(0, WINDOWS.size() - 1), DEFAULT_WINDOW,
                            "the last " + DEFAULT_WINDOW + " days");
            int pageNumber = read.page(page);
            List<String> notices = new ArrayList<>(read.notices());
            if (parsedKind == SurveyKind.CSAT && parsedBand != null) {
                notices.add("band: only NPS answers are promoters, passives or detractors; showing every CSAT answer");
                parsedBand = null;
            }
            return new Query(scope == null ? AccountScope.defaultFor(me.user().role()) : scope, parsedKind, parsedBand,
                    window, pageNumber, List.copyOf(notices));
        }

        SurveySearch search(Accounts accounts, SignedIn me, Clock clock) {
            return new SurveySearch(accounts.inScope(scope, me.user().id()), kind, band, since(clock));
        }

        /** The start of the UTC day {@code days} days before today: the last 90 days of 30 June begin on 1 April. */
        Instant since(Clock clock) {
            return days == 0 ? null
                    : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(days).atStartOfDay().toInstant(ZoneOffset.UTC);
        }

        String link(String path, int toPage) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path).queryParam("accounts", scope.label());
            if (kind != null) {
                uri.queryParam("kind", kind.label());
            }
            if (band != null) {
                uri.queryParam("band", band.label());
            }
            uri.queryParam("days", days == 0 ? "all" : String.valueOf(days));
            if (toPage > 1) {
                uri.queryParam("page", toPage);
            }
            return uri.encode().build().toUriString();
        }
    }

    private final SurveyResponses surveys;
    private final Accounts accounts;
    private final SurveyRows rows;
    private final Clock clock;

    SurveysPage(SurveyResponses surveys, Accounts accounts, SurveyRows rows, Clock clock) {
        this.surveys = surveys;
        this.accounts = accounts;
        this.rows = rows;
        this.clock = clock;
    }

    @GetMapping("/surveys")
    String surveys(@RequestParam(name = "accounts", required = false) String whose,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String band, @RequestParam(required = false) String days,
            @RequestParam(required = false) String page, @AuthenticationPrincipal SignedIn me, Model model) {
        Query query = Query.read(whose, kind, band, days, page, me);
        SurveySearch search = query.search(accounts, me, clock);
        SurveyCounts counts = surveys.count(search);
        PageWindow window = PageWindow.of(query.page(), PAGE_SIZE, counts.matched());
        model.addAttribute("query", query);
        model.addAttribute("counts", counts);
        model.addAttribute("window", window);
        model.addAttribute("rows", rows.of(surveys.search(search, window.offset(), window.size())));
        model.addAttribute("kinds", Arrays.asList(SurveyKind.values()));
        model.addAttribute("bands", Arrays.asList(NpsCategory.values()));
        model.addAttribute("windows", WINDOWS);
        model.addAttribute("prevLink", query.link("/surveys", window.page() - 1));
        model.addAttribute("nextLink", query.link("/surveys", window.page() + 1));
        model.addAttribute("csvLink", query.link("/surveys.csv", 1));
        return "surveys-book";
    }
}
