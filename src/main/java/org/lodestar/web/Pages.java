package org.lodestar.web;

import org.lodestar.people.Role;
import org.lodestar.people.SignedIn;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The entry point that belongs to no module: home (sign-in is the people module's). */
@Controller
class Pages {

    /** CSMs and read-only users land on their Today; leaders and admins on Team, where every CSM's work is. */
    @GetMapping("/")
    String home(@AuthenticationPrincipal SignedIn me) {
        Role role = me == null ? null : me.user().role();
        return role == Role.LEADER || role == Role.ADMIN ? "redirect:/team" : "redirect:/today";
    }
}
