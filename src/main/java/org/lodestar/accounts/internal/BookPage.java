package org.lodestar.accounts.internal;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.AccountFilter;
import org.lodestar.accounts.AccountList;
import org.lodestar.accounts.Accounts;
import org.lodestar.accounts.LifecycleStage;
import org.lodestar.accounts.SegmentTotal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The book page: every account, filterable and sortable, with ARR and accounts by segment. */
@Controller
class BookPage {

    record Column(String label, String link, String marker, boolean numeric) {
    }

    private static final List<String[]> COLUMNS = List.of(new String[] { "Account", "name" },
            new String[] { "ARR", "arr" }, new String[] { "Segment", "segment" }, new String[] { "Stage", "stage" },
            new String[] { "Owner", "owner" }, new String[] { "Renewal", "renewal" });

    private final Accounts accounts;

    BookPage(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/book")
    String book(@RequestParam(required = false) String owner, @RequestParam(required = false) String segment,
            @RequestParam(required = false) String stage, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "name") String sort, @RequestParam(defaultValue = "0") int page,
            Model model) {
        LifecycleStage parsedStage = parseStage(stage);
        AccountFilter filter;
        try {
            filter = new AccountFilter(owner, segment, parsedStage, null, q, sort, page, 50);
        } catch (org.lodestar.errors.InvalidInput e) {
            filter = new AccountFilter(owner, segment, parsedStage, null, q, "name", page, 50);
        }
        AccountList list = accounts.list(filter);
        List<SegmentTotal> totals = accounts.segmentTotals(filter);
        model.addAttribute("filter", filter);
        model.addAttribute("list", list);
        model.addAttribute("owners", accounts.possibleOwners());
        model.addAttribute("segments", accounts.segmentNames());
        model.addAttribute("stages", Arrays.asList(LifecycleStage.values()));
        model.addAttribute("segmentLabels", totals.stream().map(SegmentTotal::segment).collect(Collectors.joining(",")));
        model.addAttribute("segmentArr", totals.stream().map(t -> t.arr().toPlainString()).collect(Collectors.joining(",")));
        model.addAttribute("segmentCounts", totals.stream().map(t -> String.valueOf(t.accounts())).collect(Collectors.joining(",")));
        AccountFilter current = filter;
        model.addAttribute("columns", COLUMNS.stream().map(c -> column(current, c[0], c[1])).toList());
        model.addAttribute("selfLink", link(filter, filter.sort(), filter.page()));
        model.addAttribute("prevLink", link(filter, filter.sort(), filter.page() - 1));
        model.addAttribute("nextLink", link(filter, filter.sort(), filter.page() + 1));
        return "book";
    }

    private static LifecycleStage parseStage(String stage) {
        if (stage == null || stage.isBlank()) {
            return null;
        }
        try {
            return LifecycleStage.of(stage);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Column column(AccountFilter filter, String label, String key) {
        String bare = filter.sort().replaceFirst("^[-+]", "");
        boolean active = bare.equals(key);
        String next = active && !filter.descending() ? "-" + key : key;
        String marker = active ? (filter.descending() ? " ▼" : " ▲") : "";
        return new Column(label, link(filter, next, 0), marker, key.equals("arr"));
    }

    private static String link(AccountFilter filter, String sort, int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/book");
        if (filter.owner() != null && !filter.owner().isBlank()) {
            uri.queryParam("owner", filter.owner());
        }
        if (filter.segment() != null && !filter.segment().isBlank()) {
            uri.queryParam("segment", filter.segment());
        }
        if (filter.stage() != null) {
            uri.queryParam("stage", filter.stage().label());
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
