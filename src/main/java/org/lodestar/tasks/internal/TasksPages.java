package org.lodestar.tasks.internal;

import java.util.List;

import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.tasks.Task;
import org.lodestar.tasks.Tasks;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** The worklist's buttons: complete or snooze a task, or act on several at once, then back to the worklist it was on. */
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

    /** Today's bulk bar: done, snooze for some days, or reassign the ticked tasks; problems come back as a notice. */
    @PostMapping("/tasks/bulk")
    String bulk(@RequestParam(name = "taskIds", required = false) List<Long> taskIds, @RequestParam String action,
            @RequestParam(defaultValue = "3") int days, @RequestParam(required = false) String ownerEmail,
            @RequestParam(required = false) String back, RedirectAttributes redirect) {
        try {
            List<Task> changed = tasks.bulk(taskIds == null ? List.of() : taskIds, Tasks.BulkAction.parse(action),
                    tasks.today().plusDays(Math.max(1, Math.min(days, 90))), ownerEmail);
            redirect.addFlashAttribute("notice", switch (Tasks.BulkAction.parse(action)) {
                case DONE -> "Marked " + changed.size() + (changed.size() == 1 ? " task" : " tasks") + " done.";
                case SNOOZE -> "Snoozed " + changed.size() + (changed.size() == 1 ? " task" : " tasks") + " for " + days
                        + (days == 1 ? " day." : " days.");
                case REASSIGN -> "Reassigned " + changed.size() + (changed.size() == 1 ? " task" : " tasks") + " to "
                        + ownerEmail + ".";
            });
        } catch (InvalidInput | Conflict e) {
            redirect.addFlashAttribute("errors", e instanceof InvalidInput invalid
                    ? invalid.problems().stream().map(Object::toString).toList() : List.of(e.getMessage()));
        }
        return back(back);
    }

    private static String back(String owner) {
        return "redirect:" + UriComponentsBuilder.fromPath("/today").queryParamIfPresent("owner",
                java.util.Optional.ofNullable(owner).filter(o -> !o.isBlank())).build().encode().toUriString();
    }
}
