package org.lodestar.worklist.internal;

import java.time.LocalDate;
import java.util.List;

import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.people.User;
import org.lodestar.people.Users;
import org.lodestar.playbooks.PlayOutcome;
import org.lodestar.playbooks.Playbooks;
import org.lodestar.signals.SignalCategory;
import org.lodestar.signals.Signals;
import org.lodestar.tasks.Priority;
import org.lodestar.tasks.TaskDraft;
import org.lodestar.tasks.TaskFilter;
import org.lodestar.tasks.TaskStatus;
import org.lodestar.tasks.Tasks;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The account page's work panel, loaded and updated by htmx: open signals, plays (closed here with an
 * outcome) and open tasks (done, snoozed, reassigned here), and a form for a new task.
 */
@Controller
class WorkPanel {

    private final Signals signals;
    private final Playbooks playbooks;
    private final Tasks tasks;
    private final Users users;

    WorkPanel(Signals signals, Playbooks playbooks, Tasks tasks, Users users) {
        this.signals = signals;
        this.playbooks = playbooks;
        this.tasks = tasks;
        this.users = users;
    }

    @GetMapping("/accounts/{id}/work")
    String panel(@PathVariable long id, Model model) {
        model.addAttribute("accountId", id);
        model.addAttribute("signals", signals.openSignals(List.of(id)));
        model.addAttribute("plays", playbooks.find(id, null, null, 20));
        model.addAttribute("tasks", tasks.find(new TaskFilter(null, id, null, TaskStatus.OPEN, 200)));
        model.addAttribute("people", users.list().stream().filter(User::enabled).toList());
        model.addAttribute("outcomes", List.of(PlayOutcome.values()));
        model.addAttribute("categories", List.of(SignalCategory.values()));
        model.addAttribute("today", tasks.today());
        return "work :: panel";
    }

    @PostMapping("/accounts/{id}/work/tasks")
    String create(@PathVariable long id, @RequestParam(required = false) String title,
            @RequestParam(required = false) String ownerEmail, @RequestParam(required = false) LocalDate dueOn,
            @RequestParam(required = false) String category, @RequestParam(required = false) String priority, Model model) {
        return act(id, model, "Task added.", () -> tasks.create(new TaskDraft(id, title, null,
                category == null || category.isBlank() ? null : SignalCategory.parse(category), ownerEmail, null,
                priority == null || priority.isBlank() ? null : Priority.parse(priority), dueOn, null)));
    }

    @PostMapping("/accounts/{id}/work/tasks/{taskId}/complete")
    String complete(@PathVariable long id, @PathVariable long taskId, Model model) {
        return act(id, model, "Task done.", () -> tasks.complete(taskId));
    }

    @PostMapping("/accounts/{id}/work/tasks/{taskId}/snooze")
    String snooze(@PathVariable long id, @PathVariable long taskId, @RequestParam(defaultValue = "7") int days, Model model) {
        return act(id, model, "Task snoozed.", () -> tasks.snooze(taskId, tasks.today().plusDays(Math.max(1, Math.min(days, 90)))));
    }

    @PostMapping("/accounts/{id}/work/tasks/{taskId}/reassign")
    String reassign(@PathVariable long id, @PathVariable long taskId, @RequestParam(required = false) String ownerEmail,
            Model model) {
        return act(id, model, "Task reassigned.", () -> tasks.reassign(taskId, ownerEmail));
    }

    @PostMapping("/accounts/{id}/work/plays/{playId}/close")
    String close(@PathVariable long id, @PathVariable long playId, @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String note, Model model) {
        return act(id, model, "Play closed.", () -> playbooks.close(playId,
                outcome == null || outcome.isBlank() ? null : PlayOutcome.parse(outcome), note));
    }

    /** Runs a change; a problem with the input or the state is shown in the panel instead of an error page. */
    private String act(long id, Model model, String done, Runnable change) {
        try {
            change.run();
            model.addAttribute("notice", done);
        } catch (InvalidInput e) {
            model.addAttribute("errors", e.problems().stream().map(Object::toString).toList());
        } catch (Conflict | IllegalArgumentException e) {
            model.addAttribute("errors", List.of(e.getMessage()));
        }
        return panel(id, model);
    }
}
