package org.lodestar.accounts.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.lodestar.accounts.AccountFilter;
import org.lodestar.accounts.AccountList;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.HealthBand;
import org.lodestar.accounts.LifecycleStage;
import org.lodestar.accounts.BookRisk;
import org.lodestar.accounts.SegmentTotal;
import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.lodestar.infrastructure.Labels;
import org.lodestar.people.SavedView;
import org.lodestar.people.SavedViews;
import org.lodestar.people.SignedIn;
import org.lodestar.people.User;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The book page: every account with its health, filterable (owner, segment, stage, health band, risk, search) and
 * sortable, with ARR and accounts by segment, a CSV of every matching account and each user's saved views.
 */
@Controller
class BookPage {

    /** The page a saved view of the book belongs to. */
    static final String VIEWS_PAGE = "book";

    record Column(String label, String link, String marker, boolean numeric) {
    }

    private static final List<String[]> COLUMNS = List.of(new String[] { "Account", "name" },
            new String[] { "ARR", "arr" }, new String[] { "Health", "health" }, new String[] { "Segment", "segment" },
            new String[] { "Stage", "stage" }, new String[] { "Owner", "owner" }, new String[] { "Renewal", "renewal" });

    private final Accounts accounts;
    private final SavedViews views;

    BookPage(Accounts accounts, SavedViews views) {
        this.accounts = accounts;
        this.views = views;
    }

    @GetMapping("/book")
    String book(@RequestParam(required = false) String owner, @RequestParam(required = false) String segment,
            @RequestParam(required = false) String stage, @RequestParam(required = false) String health,
            @RequestParam(required = false) String risk, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "name") String sort, @RequestParam(defaultValue = "0") int page,
            @AuthenticationPrincipal SignedIn me, Model model) {
        AccountFilter filter = filter(owner, segment, stage, health, risk, q, sort, page, 50);
        model.addAttribute("dropped", dropped(stage, health, risk, sort, filter));
        Accounts.Book book = accounts.book(filter);
        AccountList list = book.list();
        List<SegmentTotal> totals = book.segments();
        model.addAttribute("filter", filter);
        model.addAttribute("list", list);
        List<User> owners = accounts.possibleOwners();
        model.addAttribute("owners", owners);
        // An owner since disabled or made read-only is no choice for reassigning, but the filter still shows them.
        model.addAttribute("ownerNotListed", filter.owner() != null && !filter.owner().isBlank()
                && !filter.owner().equalsIgnoreCase("none")
                && owners.stream().noneMatch(u -> u.email().equalsIgnoreCase(filter.owner().trim())));
        model.addAttribute("segments", accounts.segmentNames());
        model.addAttribute("stages", Arrays.asList(LifecycleStage.values()));
        model.addAttribute("bands", Arrays.asList(HealthBand.values()));
        model.addAttribute("risks", Arrays.asList(BookRisk.values()));
        model.addAttribute("segmentLabels", totals.stream().map(SegmentTotal::segment).collect(Collectors.joining(",")));
        model.addAttribute("segmentArr", totals.stream().map(t -> t.arr().toPlainString()).collect(Collectors.joining(",")));
        model.addAttribute("segmentCounts", totals.stream().map(t -> String.valueOf(t.accounts())).collect(Collectors.joining(",")));
        AccountFilter current = filter;
        model.addAttribute("columns", COLUMNS.stream().map(c -> column(current, c[0], c[1])).toList());
        model.addAttribute("selfLink", link("/book", filter, filter.sort(), filter.page()));
        model.addAttribute("prevLink", link("/book", filter, filter.sort(), filter.page() - 1));
        model.addAttribute("nextLink", link("/book", filter, filter.sort(), filter.page() + 1));
        model.addAttribute("csvLink", link("/book.csv", filter, filter.sort(), 0));
        model.addAttribute("viewQuery", query(filter));
        model.addAttribute("savedViews", me == null ? List.of() : views.of(me.user().id(), VIEWS_PAGE));
        return "book";
    }

    /** Saves the book's current filters and sort under a name; a problem is named above the table, nothing saved. */
    @PostMapping("/book/views")
    String saveView(@RequestParam(required = false) String name, @RequestParam(required = false) String query,
            @AuthenticationPrincipal SignedIn me, RedirectAttributes redirect) {
        String back = query == null || query.isBlank() ? "/book" : "/book?" + query;
        List<String> unknown = unknownInView(query);
        if (!unknown.isEmpty()) {
            // A view is saved to be picked again: one the book would read only in part is refused, not kept.
            redirect.addFlashAttribute("viewProblems", unknown.stream().map(p -> "Filters: " + p).toList());
            redirect.addFlashAttribute("viewName", name);
            return "redirect:/book";
        }
        try {
            SavedView saved = views.save(me.user().id(), VIEWS_PAGE, name, query);
            redirect.addFlashAttribute("viewNotice", "Saved the view " + saved.name() + ".");
            back = saved.query().isEmpty() ? "/book" : "/book?" + saved.query();
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("viewProblems", e.named(java.util.Map.of("query", "Filters")));
            redirect.addFlashAttribute("viewName", name);
            // A query that failed its check is not sent back to the browser.
            back = e.problems().stream().anyMatch(p -> p.field().equals("query")) ? "/book" : back;
        } catch (Conflict e) {
            redirect.addFlashAttribute("viewProblems", List.of(e.getMessage()));
            redirect.addFlashAttribute("viewName", name);
        }
        return "redirect:" + back;
    }

    @PostMapping("/book/views/{id}/delete")
    String deleteView(@PathVariable long id, @AuthenticationPrincipal SignedIn me, RedirectAttributes redirect) {
        try {
            SavedView deleted = views.delete(me.user().id(), id);
            redirect.addFlashAttribute("viewNotice", "Deleted the view " + deleted.name() + ".");
        } catch (NotFound e) {
            redirect.addFlashAttribute("viewProblems", List.of("That view is gone already."));
        }
        return "redirect:/book";
    }

    /**
     * The filter the book's query parameters say. The page is lenient: a value it does not know (a stale bookmark) is
     * dropped rather than refused, and an unknown sort falls back to the name.
     */
    static AccountFilter filter(String owner, String segment, String stage, String health, String risk, String q,
            String sort, int page, int size) {
        LifecycleStage parsedStage = parse(LifecycleStage.class, stage);
        HealthBand parsedHealth = parse(HealthBand.class, health);
        BookRisk parsedRisk = parse(BookRisk.class, risk);
        try {
            return new AccountFilter(owner, segment, parsedStage, null, parsedHealth, parsedRisk, q, sort, page, size);
        } catch (InvalidInput e) {
            return new AccountFilter(owner, segment, parsedStage, null, parsedHealth, parsedRisk, q, "name", page, size);
        }
    }

    /** What the page left out of the filter it was asked for, each with what it expected: said above the table. */
    static List<String> dropped(String stage, String health, String risk, String sort, AccountFilter filter) {
        return unknown(stage, health, risk, sort, filter, ": not filtered by it", ": sorted by name");
    }

    /** What of the filters a view would be saved with the book does not know, each as "stage 'x' is not one of …". */
    static List<String> unknownInView(String query) {
        MultiValueMap<String, String> params = UriComponentsBuilder.newInstance()
                .query(query == null ? "" : query.replaceFirst("^\\?", "")).build().getQueryParams();
        Function<String, String> value = key -> params.getFirst(key) == null ? null
                : UriUtils.decode(params.getFirst(key).replace('+', ' '), StandardCharsets.UTF_8);
        String sort = value.apply("sort");
        AccountFilter filter = filter(null, null, value.apply("stage"), value.apply("health"), value.apply("risk"), null,
                sort == null ? "name" : sort, 0, 50);
        return unknown(value.apply("stage"), value.apply("health"), value.apply("risk"), sort, filter, "", "");
    }

    private static List<String> unknown(String stage, String health, String risk, String sort, AccountFilter filter,
            String notFiltered, String notSorted) {
        List<String> unknown = new java.util.ArrayList<>();
        unknown(unknown, "stage", stage, LifecycleStage.class, notFiltered);
        unknown(unknown, "health", health, HealthBand.class, notFiltered);
        unknown(unknown, "risk", risk, BookRisk.class, notFiltered);
        if (sort != null && !sort.isBlank() && !sort.trim().equals(filter.sort())) {
            unknown.add("sort '" + sort.trim() + "' is not a column of the book" + notSorted);
        }
        return unknown;
    }

    private static <E extends Enum<E>> void unknown(List<String> found, String name, String text, Class<E> type,
            String after) {
        if (text != null && !text.isBlank() && parse(type, text) == null) {
            found.add(name + " '" + text.trim() + "' is not one of " + Labels.choices(type) + after);
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Labels.parse(type, text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Column column(AccountFilter filter, String label, String key) {
        String bare = filter.sort().replaceFirst("^[-+]", "");
        boolean active = bare.equals(key);
        String next = active && !filter.descending() ? "-" + key : key;
        String marker = active ? (filter.descending() ? " ▼" : " ▲") : "";
        return new Column(label, link("/book", filter, next, 0), marker, key.equals("arr") || key.equals("health"));
    }

    /** The filters and sort as a query string (no page), as a saved view keeps them. */
    static String query(AccountFilter filter) {
        String link = link("", filter, filter.sort(), 0);
        return link.startsWith("?") ? link.substring(1) : link;
    }

    static String link(String path, AccountFilter filter, String sort, int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        if (filter.owner() != null && !filter.owner().isBlank()) {
            uri.queryParam("owner", filter.owner());
        }
        if (filter.segment() != null && !filter.segment().isBlank()) {
            uri.queryParam("segment", filter.segment());
        }
        if (filter.stage() != null) {
            uri.queryParam("stage", filter.stage().label());
        }
        if (filter.health() != null) {
            uri.queryParam("health", filter.health().label());
        }
        if (filter.risk() != null) {
            uri.queryParam("risk", filter.risk().label());
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            uri.queryParam("q", filter.search());
        }
        uri.queryParam("sort", sort);
        if (page > 0) {
            uri.queryParam("page", page);
        }
        return uri.encode().build().toUriString();
    }
}
