package org.lodestar.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The entry point that belongs to no module: home (sign-in is the people module's). */
@Controller
class Pages {

    @GetMapping("/")
    String home() {
        return "redirect:/today";
    }
}
