package org.lodestar.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The entry points that belong to no module: home, sign-in, the API explorer. */
@Controller
class Pages {

    @GetMapping("/")
    String home() {
        return "redirect:/today";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
