package org.lodestar.revenue.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lodestar.accounts.Accounts;
import org.lodestar.infrastructure.PageWindow;
import org.lodestar.people.User;
import org.lodestar.people.Users;
import org.lodestar.revenue.Renewal;
import org.lodestar.revenue.RenewalOutcome;
import org.lodestar.revenue.RenewalRisk;
import org.lodestar.revenue.Renewals;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

/**
 * The renewals page: every renewal of a window with its risk, health, forecast and outcome, filtered by owner, risk
 * and health band, fifty to a page, with ARR due by month and the forecast and outcome forms; and the same list as
 * CSV. A CSM opens it on their own renewals, everyone else on the whole book.
 */
@Controller
class RenewalsPage {

    private static final Map<RenewalRisk, String> RISK_COLOURS = Map.of(RenewalRisk.LOW, "#6a994e", RenewalRisk.MEDIUM,
            "#f18f01", RenewalRisk.HIGH, "#c73e1d");

    private final Renewals renewals;
    private final Accounts accounts;
    private final Users users;
    private final JsonMapper json;

    RenewalsPage(Renewals renewals, Accounts accounts, Users users, JsonMapper json) {
        this.renewals = renewals;
        this.accounts = accounts;
        this.users = users;
        this.json = json;
    }

    @GetMapping("/renewals")
    String page(@RequestParam(required = false) String window, @RequestParam(required = false) String owner,
            @RequestParam(required = false) String risk, @RequestParam(required = false) String health,
            @RequestParam(required = false) String page, Authentication me, Model model) {
        RenewalSelection selection = RenewalSelection.parse(window, owner, risk, health, page, defaultOwner(me));
        List<Renewal> rows = select(selection);
        PageWindow pageWindow = selection.window(rows.size());
        model.addAttribute("selection", selection);
        model.addAttribute("windows", RenewalSelection.Window.CHOICES);
        model.addAttribute("risks", RenewalRisk.values());
        model.addAttribute("bands", RenewalSelection.BANDS);
        List<User> owners = accounts.possibleOwners();
        model.addAttribute("owners", owners);
        // Every user's name: an owner since disabled or made read-only is no choice in the filter but still named.
        Map<String, String> names = new HashMap<>();
        users.list().forEach(u -> names.put(u.email(), u.name()));
        model.addAttribute("ownerNames", names);
        model.addAttribute("ownerNotListed", selection.owner() != null
                && owners.stream().noneMatch(u -> u.email().equalsIgnoreCase(selection.owner())));
        model.addAttribute("outcomes", RenewalOutcome.values());
        model.addAttribute("totals", RenewalSelection.Totals.of(rows));
        model.addAttribute("rows", RenewalSelection.pageOf(rows, pageWindow));
        model.addAttribute("window", pageWindow);
        model.addAttribute("prevLink", link("/renewals", selection, pageWindow.page() - 1));
        model.addAttribute("nextLink", link("/renewals", selection, pageWindow.page() + 1));
        model.addAttribute("here", link("/renewals", selection, pageWindow.page()));
        model.addAttribute("csvLink", link("/renewals.csv", selection, 0));
        model.addAttribute("byMonth", chart(RenewalSelection.byMonth(rows)));
        return "renewals";
    }

    /** Every renewal the page's filters select, on all its pages. */
    @GetMapping("/renewals.csv")
    void csv(@RequestParam(required = false) String window, @RequestParam(required = false) String owner,
            @RequestParam(required = false) String risk, @RequestParam(required = false) String health,
            Authentication me, HttpServletResponse response) throws IOException {
        RenewalSelection selection = RenewalSelection.parse(window, owner, risk, health, null, defaultOwner(me));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"lodestar-renewals-" + renewals.today() + "-"
                + selection.window().label() + ".csv\"");
        RenewalsCsv.write(select(selection), response.getWriter());
    }

    private List<Renewal> select(RenewalSelection selection) {
        RenewalSelection.Window window = selection.window();
        return selection.filter(renewals.between(window.from(renewals.today()), window.to(renewals.today()),
                selection.owner()));
    }

    /** A CSM's own renewals; a leader, an admin or a read-only user sees the whole book first. */
    private static String defaultOwner(Authentication me) {
        boolean csm = me != null && me.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_CSM"));
        return csm ? me.getName() : null;
    }

    private static String link(String path, RenewalSelection selection, int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path).queryParam("window", selection.window().label())
                .queryParam("owner", selection.owner() == null ? "all" : selection.owner());
        if (selection.risk() != null) {
            uri.queryParam("risk", selection.risk().label());
        }
        if (selection.health() != null) {
            uri.queryParam("health", selection.health());
        }
        if (page > 1) {
            uri.queryParam("page", page);
        }
        return uri.encode().build().toUriString();
    }

    private String chart(Map<YearMonth, Map<RenewalRisk, BigDecimal>> months) {
        List<Map<String, Object>> datasets = new ArrayList<>();
        for (RenewalRisk level : RenewalRisk.values()) {
            datasets.add(Map.of("label", level.label() + " risk", "color", RISK_COLOURS.get(level), "data",
                    months.values().stream().map(m -> m.get(level)).toList()));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("labels", months.keySet().stream().map(YearMonth::toString).toList());
        config.put("stacked", true);
        config.put("datasets", datasets);
        return json.writeValueAsString(config);
    }
}
