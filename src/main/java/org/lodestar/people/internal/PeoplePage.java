package org.lodestar.people.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;

import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.people.ApiToken;
import org.lodestar.people.ApiTokens;
import org.lodestar.people.IssuedToken;
import org.lodestar.people.OwnedWork;
import org.lodestar.people.Role;
import org.lodestar.people.SignedIn;
import org.lodestar.people.TokenScope;
import org.lodestar.people.User;
import org.lodestar.people.Users;
import org.lodestar.web.FormErrors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings for admins: the people who use Lodestar (create, change role, enable or disable) and every API
 * token (create, shown once, and revoke). The users and tokens services check and audit, as for the API and
 * the command line; a token is never stronger than the admin who creates it nor than its holder's role.
 */
@Controller
class PeoplePage {

    /** The new-user form as typed; the password is never shown back. */
    record UserForm(String email, String name, String role, String password) {
    }

    /** The new-token form as typed: for whom, its name, scope and last day (empty: the default lifetime). */
    record TokenForm(String userId, String name, String scope, String expiresOn) {
    }

    /** The last day a token may be valid through: it expires when the next begins, the latest instant stored. */
    private static final LocalDate LAST_EXPIRY_DAY = LocalDate.of(9999, 12, 30);

    private final Users users;
    private final ApiTokens tokens;
    private final Clock clock;
    private final OwnedWork ownedWork;

    PeoplePage(Users users, ApiTokens tokens, Clock clock, OwnedWork ownedWork) {
        this.users = users;
        this.tokens = tokens;
        this.clock = clock;
        this.ownedWork = ownedWork;
    }

    @GetMapping("/settings/people")
    String page(@AuthenticationPrincipal SignedIn me, Model model) {
        if (!model.containsAttribute("userForm")) {
            model.addAttribute("userForm", new UserForm(null, null, Role.CSM.label(), null));
        }
        if (!model.containsAttribute("tokenForm")) {
            model.addAttribute("tokenForm",
                    new TokenForm(String.valueOf(me.user().id()), null, TokenScope.READ.label(), null));
        }
        model.addAttribute("users", users.list());
        model.addAttribute("owned", ownedWork.byUser());
        model.addAttribute("tokens", tokens.list());
        model.addAttribute("roles", Arrays.asList(Role.values()));
        model.addAttribute("scopes", Arrays.asList(TokenScope.values()));
        model.addAttribute("now", clock.instant());
        model.addAttribute("defaultExpiry", LocalDate.ofInstant(tokens.defaultExpiry(), ZoneOffset.UTC));
        model.addAttribute("latestExpiryDay", lastExpiryDay());
        return "people";
    }

    @PostMapping("/settings/people/users")
    String createUser(@AuthenticationPrincipal SignedIn me, @ModelAttribute UserForm form, Model model,
            RedirectAttributes redirect) {
        try {
            // An unknown role reaches the service as none, which names it with every other problem at once.
            Role role = Role.parse(form.role());
            boolean generated = form.password() == null || form.password().isEmpty();
            String password = generated ? Users.generatePassword() : form.password();
            User created = users.create(form.email(), form.name(), role, password);
            redirect.addFlashAttribute("notice", "Created " + created.email() + " as " + created.role().label() + ".");
            if (generated) {
                redirect.addFlashAttribute("generatedPassword", password);
                redirect.addFlashAttribute("generatedFor", created.email());
            }
            return "redirect:/settings/people";
        } catch (InvalidInput e) {
            model.addAttribute("userErrors", FormErrors.of(e));
        } catch (Conflict e) {
            model.addAttribute("userErrors", FormErrors.of(e.getMessage()));
        }
        model.addAttribute("userForm", new UserForm(form.email(), form.name(), form.role(), null));
        return page(me, model);
    }

    @PostMapping("/settings/people/users/{userId}/role")
    String changeRole(@PathVariable long userId, @RequestParam(required = false) String role, RedirectAttributes redirect) {
        Role parsed = Role.parse(role);
        if (parsed == null) {
            redirect.addFlashAttribute("problem", "role: expected one of " + Role.labels() + ", got '" + role + "'");
            return "redirect:/settings/people";
        }
        try {
            User changed = users.changeRole(userId, parsed);
            redirect.addFlashAttribute("notice", changed.email() + " is now " + changed.role().label() + "."
                    + (changed.role() == Role.READ_ONLY ? leftBehind(changed) : ""));
        } catch (Conflict e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/settings/people";
    }

    @PostMapping("/settings/people/users/{userId}/enabled")
    String setEnabled(@PathVariable long userId, @RequestParam(defaultValue = "false") boolean enabled,
            RedirectAttributes redirect) {
        try {
            User changed = users.setEnabled(userId, enabled);
            redirect.addFlashAttribute("notice", (changed.enabled() ? "Enabled " : "Disabled ") + changed.email() + "."
                    + (changed.enabled() ? "" : leftBehind(changed)));
        } catch (Conflict e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/settings/people";
    }

    /** What someone who can no longer do the work still owns, and where to hand it over; empty when nothing. */
    private String leftBehind(User user) {
        OwnedWork.Owned owned = ownedWork.byUser().getOrDefault(user.id(), OwnedWork.Owned.NOTHING);
        return owned.any() ? " They still own " + owned.sentence() + ": give them to someone else on the book (filtered "
                + "by owner) and on their Today (the bulk bar)." : "";
    }

    @PostMapping("/settings/people/tokens")
    String createToken(@AuthenticationPrincipal SignedIn me, @ModelAttribute TokenForm form, Model model,
            RedirectAttributes redirect) {
        try {
            var problems = new InvalidInput.Collector();
            User holder = holder(form.userId());
            if (holder == null) {
                problems.add("userId", "expected one of the users listed, got '" + form.userId() + "'");
            }
            TokenScope scope = TokenScope.parse(form.scope());
            if (scope == null) {
                problems.add("scope", "expected one of " + TokenScope.labels() + ", got '" + form.scope() + "'");
            }
            Instant expiresAt = expiresAt(form.expiresOn(), problems);
            if (form.name() == null || form.name().isBlank() || form.name().trim().length() > 100) {
                problems.add("name", "expected what uses the token, 1 to 100 characters");
            }
            problems.throwIfAny();
            IssuedToken issued = tokens.issueFor(me, holder.id(), form.name(), scope, expiresAt);
            redirect.addFlashAttribute("issued", issued);
            return "redirect:/settings/people";
        } catch (InvalidInput e) {
            model.addAttribute("tokenErrors", FormErrors.of(e, java.util.Map.of("userId", "Held by", "expiresOn", "Valid through")));
        }
        model.addAttribute("tokenForm", form);
        return page(me, model);
    }

    @PostMapping("/settings/people/tokens/{tokenId}/revoke")
    String revoke(@PathVariable long tokenId, RedirectAttributes redirect) {
        ApiToken revoked = tokens.revoke(tokenId);
        redirect.addFlashAttribute("notice", "Revoked token '" + revoked.name() + "' of " + revoked.userEmail() + ".");
        return "redirect:/settings/people";
    }

    /**
     * The last day a token asked for now may be valid through (it ends when the next begins, no later than the latest
     * expiry lodestar.tokens.max-lifetime allows); null when there is no limit short of the last day stored.
     */
    private LocalDate lastExpiryDay() {
        return tokens.latestExpiry().map(latest -> LocalDate.ofInstant(latest, ZoneOffset.UTC).minusDays(1))
                .filter(last -> last.isBefore(LAST_EXPIRY_DAY)).orElse(null);
    }

    /** The end of the last day the form names, or the default lifetime from now when it names none. */
    private Instant expiresAt(String expiresOn, InvalidInput.Collector problems) {
        if (expiresOn == null || expiresOn.isBlank()) {
            return tokens.defaultExpiry();
        }
        try {
            LocalDate day = LocalDate.parse(expiresOn.trim());
            LocalDate lastDay = lastExpiryDay() == null ? LAST_EXPIRY_DAY : lastExpiryDay();
            if (!day.isAfter(today()) || day.isAfter(lastDay)) {
                problems.add("expiresOn", "expected a day after today (" + today() + ") and at most "
                        + lastDay + (lastDay.equals(LAST_EXPIRY_DAY) ? "" : " (tokens live at most "
                        + tokens.maxLifetimeDays() + " days here)") + ", got " + day);
                return null;
            }
            return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeException e) {
            problems.add("expiresOn", "expected a date as YYYY-MM-DD, got '" + expiresOn + "'");
            return null;
        }
    }

    private User holder(String userId) {
        try {
            return userId == null ? null : users.find(Long.parseLong(userId.trim())).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
