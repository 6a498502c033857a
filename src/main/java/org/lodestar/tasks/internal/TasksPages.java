package org.lodestar.tasks.internal;

import org.lodestar.tasks.Tasks;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The worklist's buttons: complete or snooze a task, then back to the worklist it was on. */
@Controller
class TasksPages {

    private final Tasks tasks;

    TasksPages(Tasks tasks) {
        this.tasks = tasks;
    }

    @PostMapping("/tasks/{id}/complete")
    String complete(@PathVariable long id, @RequestParam(required = false) String back) {
        tasks.complete(id);
        return back(back);
    }

    @PostMapping("/tasks/{id}/snooze")
    String snooze(@PathVariable long id, @RequestParam(defaultValue = "3") int days, @RequestParam(required = false) String back) {
        tasks.snooze(id, tasks.today().plusDays(Math.max(1, Math.min(days, 90))));
        return back(back);
    }

    private static String back(String owner) {
        return "redirect:" + UriComponentsBuilder.fromPath("/today").queryParamIfPresent("owner",
                java.util.Optional.ofNullable(owner).filter(o -> !o.isBlank())).build().encode().toUriString();
    }
}
