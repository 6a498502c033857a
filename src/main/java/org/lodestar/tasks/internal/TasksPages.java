package org.lodestar.tasks.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.lodestar.infrastructure.WholeMinutes;
import org.lodestar.tasks.Task;
import org.lodestar.tasks.Tasks;
import org.lodestar.tasks.Team;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The worklist's buttons: complete or snooze a task, or act on several at once, then back to the worklist it was on;
 * and the team queues' page.
 */
@Controller
class TasksPages {

    private final Tasks tasks;

    TasksPages(Tasks tasks) {
        this.tasks = tasks;
    }

    @PostMapping("/tasks/{id}/complete")
    String complete(@PathVariable long id, @RequestParam(required = false) String back,
            @RequestParam(required = false) String queue, @RequestParam(required = false) String minutesSpent,
            RedirectAttributes redirect) {
        Task done;
        try {
            done = tasks.complete(id, WholeMinutes.parse("minutesSpent", minutesSpent));
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("errors", e.named(Map.of()));
            return queue != null ? "redirect:/queues/" + parseTeam(queue).label() : back(back);
        }
        if (queue != null) {
            redirect.addFlashAttribute("notice", "Done: " + done.title() + " at " + done.accountName() + ".");
            return "redirect:/queues/" + parseTeam(queue).label();
        }
        return back(back);
    }

    /**
     * A team queue: the sales or support tasks no one person owns (a renewal proposal, an incident's hourly customer
     * update), earliest due first, for whoever works that queue.
     */
    @GetMapping("/queues/{team}")
    String queue(@PathVariable String team, Model model) {
        Team queue = parseTeam(team);
        List<Task> open = tasks.openInQueue(queue, QUEUE_SHOWN);
        Instant now = tasks.now();
        model.addAttribute("team", queue.label());
        model.addAttribute("tasks", open);
        model.addAttribute("overdue", open.stream().filter(t -> t.dueAt() != null ? t.dueAt().isBefore(now)
                : t.dueOn().isBefore(tasks.today())).map(Task::id).collect(Collectors.toSet()));
        model.addAttribute("every", open.stream().filter(t -> t.recurEvery() != null)
                .collect(Collectors.toMap(Task::id, t -> Task.every(t.recurEvery()))));
        return "queue";
    }

    /** How many of a queue's open tasks its page lists. */
    static final int QUEUE_SHOWN = 500;

    private static Team parseTeam(String text) {
        try {
            Team team = Team.parse(text);
            if (team == Team.SALES || team == Team.SUPPORT) {
                return team;
            }
        } catch (IllegalArgumentException e) {
            // named below
        }
        throw new NotFound("Queue " + text + " (the queues are sales and support)");
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
        if (taskIds == null || taskIds.isEmpty()) {
            redirect.addFlashAttribute("errors", List.of("Tick at least one task first."));
            return back(back);
        }
        try {
            List<Task> changed = tasks.bulk(taskIds, Tasks.BulkAction.parse(action),
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
                    ? invalid.named(Map.of("taskIds", "Ticked tasks", "ownerEmail", "Reassign to"))
                    : List.of(e.getMessage()));
        }
        return back(back);
    }

    private static String back(String owner) {
        return "redirect:" + UriComponentsBuilder.fromPath("/today").queryParamIfPresent("owner",
                java.util.Optional.ofNullable(owner).filter(o -> !o.isBlank())).build().encode().toUriString();
    }
}
