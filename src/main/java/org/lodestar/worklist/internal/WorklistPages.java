package org.lodestar.worklist.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lodestar.errors.InvalidInput;
import org.lodestar.people.Permission;
import org.lodestar.people.Role;
import org.lodestar.playbooks.AutomatedOutreach;
import org.lodestar.people.SignedIn;
import org.lodestar.people.User;
import org.lodestar.people.Users;
import org.lodestar.signals.SignalCategory;
import org.lodestar.worklist.TeamBook;
import org.lodestar.worklist.Worklist;
import org.lodestar.worklist.WorklistView;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import tools.jackson.databind.json.JsonMapper;

/** Home, Today (a CSM's worklist) and the team's book view. */
@Controller
class WorklistPages {

    private final Worklist worklist;
    private final TeamBook team;
    private final Users users;
    private final JsonMapper json;
    private final AutomatedOutreach automated;
    private final TimeSplitSection timeSplit;
    private final TimeToValueSection timeToValue;
    private final PeopleOptions peopleOptions;

    WorklistPages(Worklist worklist, TeamBook team, Users users, JsonMapper json, AutomatedOutreach automated,
            TimeSplitSection timeSplit, TimeToValueSection timeToValue, PeopleOptions peopleOptions) {
        this.peopleOptions = peopleOptions;
        this.timeSplit = timeSplit;
        this.automated = automated;
        this.timeToValue = timeToValue;
        this.worklist = worklist;
        this.team = team;
        this.users = users;
        this.json = json;
    }

    /** Home: CSMs and read-only users land on their Today; leaders and admins on Team, where every CSM's work is. */
    @GetMapping("/")
    String home(@AuthenticationPrincipal SignedIn me) {
        Role role = me == null ? null : me.user().role();
        return role == Role.LEADER || role == Role.ADMIN ? "redirect:/team" : "redirect:/today";
    }

    @GetMapping("/today")
    String today(@RequestParam(required = false) String owner, @AuthenticationPrincipal SignedIn me, Model model) {
        String email = owner == null || owner.isBlank() ? me.user().email() : owner;
        WorklistView view = worklist.forOwner(email);
        model.addAttribute("view", view);
        // Asked once for the page, not once per task row (each sec:authorize is an expression parsed and evaluated).
        model.addAttribute("canWrite", me.can(Permission.WRITE));
        // What did not fit is listed in short, the first of it: the page stays quick for a CSM with hundreds of accounts.
        model.addAttribute("overflowShown", view.overflow().subList(0, Math.min(OVERFLOW_SHOWN, view.overflow().size())));
        List<User> people = users.possibleOwners();
        model.addAttribute("people", people);
        model.addAttribute("peopleOptions", peopleOptions.of(people));
        // Someone who can own no tasks (read-only, disabled) is offered for none, but their Today still says whose it is.
        model.addAttribute("ownerNotListed", people.stream().noneMatch(u -> u.email().equalsIgnoreCase(view.owner())));
        return "today";
    }

    /** Sets an account that needs attention without a task aside on a Today for some days; problems come back as a notice. */
    @PostMapping("/today/aside")
    String setAside(@RequestParam long accountId, @RequestParam(defaultValue = "7") int days,
            @RequestParam(required = false) String cause, @RequestParam(required = false) String back,
            @AuthenticationPrincipal SignedIn me, RedirectAttributes redirect) {
        String owner = back == null || back.isBlank() ? me.user().email() : back;
        try {
            Worklist.SetAside aside = worklist.setAside(owner, accountId, days, cause);
            redirect.addFlashAttribute("notice", "Set " + aside.accountName() + " aside until " + aside.until()
                    + ": it comes back then, or sooner if its reason changes or a task on it falls due.");
        } catch (InvalidInput e) {
            // Each reason names the account or the days already.
            redirect.addFlashAttribute("errors", e.problems().stream().map(InvalidInput.Problem::reason).toList());
        }
        return backTo(back);
    }

    /** Brings an account set aside back on a Today at once. */
    @PostMapping("/today/aside/back")
    String bringBack(@RequestParam long accountId, @RequestParam(required = false) String back,
            @AuthenticationPrincipal SignedIn me, RedirectAttributes redirect) {
        String owner = back == null || back.isBlank() ? me.user().email() : back;
        try {
            redirect.addFlashAttribute("notice", worklist.bringBack(owner, accountId) + " is back on Today.");
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("errors", List.of(e.getMessage()));
        }
        return backTo(back);
    }

    /** Back to the Today the form was on: the owner's, or your own. */
    private static String backTo(String owner) {
        return "redirect:" + UriComponentsBuilder.fromPath("/today").queryParamIfPresent("owner",
                java.util.Optional.ofNullable(owner).filter(o -> !o.isBlank())).build().encode().toUriString();
    }

    @GetMapping("/team")
    String team(@RequestParam(required = false) String month, Model model) {
        timeSplit.addTo(model, month);
        TeamBook.View view = team.view();
        model.addAttribute("view", view);
        model.addAttribute("overflow", worklist.overflowByOwner());
        Map<String, String> names = new LinkedHashMap<>();
        view.csms().forEach(c -> names.put(c.owner(), c.name()));
        model.addAttribute("csmNames", names);
        model.addAttribute("automatedWaiting", automated.waiting());
        Map<String, Integer> perDay = worklist.accountsPerDay();
        model.addAttribute("capacityNote", perDay.get("high-touch") + " high-touch, " + perDay.get("tech-touch")
                + " tech-touch or " + perDay.get("digital") + " digital accounts");
        model.addAttribute("coverage", TeamBook.COVERAGE);
        model.addAttribute("categories", List.of(SignalCategory.values()));
        // One stacked bar per CSM: their open tasks by kind of work.
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", view.csms().stream().map(TeamBook.Csm::name).toList());
        chart.put("stacked", true);
        chart.put("horizontal", true);
        chart.put("unit", "");
        chart.put("datasets", List.of(SignalCategory.values()).stream().map(k -> Map.of("label", k.label(), "color",
                COLORS.get(k), "data", view.csms().stream().map(c -> c.openWork().get(k)).toList())).toList());
        model.addAttribute("workChart", json.writeValueAsString(chart));
        timeToValue.addTo(model);
        return "team";
    }

    /** How many of the accounts beyond today's capacity Today lists (the API has them all). */
    static final int OVERFLOW_SHOWN = 50;

    private static final Map<SignalCategory, String> COLORS = Map.of(SignalCategory.RESCUE, "#c73e1d",
            SignalCategory.RENEWAL, "#1f4e79", SignalCategory.EXPANSION, "#6a994e", SignalCategory.ONBOARDING, "#2e86ab",
            SignalCategory.QBR, "#f18f01", SignalCategory.OTHER, "#9aa5b1");
}
