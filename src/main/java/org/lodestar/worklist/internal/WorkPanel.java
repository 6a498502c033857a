package org.lodestar.worklist.internal;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.infrastructure.WholeMinutes;
import org.lodestar.people.Users;
import org.lodestar.playbooks.PlayOutcome;
import org.lodestar.playbooks.PlaybookConfiguration;
import org.lodestar.playbooks.Playbooks;
import org.lodestar.infrastructure.Labels;
import org.lodestar.signals.Signal;
import org.lodestar.signals.SignalCategory;
import org.lodestar.signals.SignalConfiguration;
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

    private static final int OPEN_TASKS_COUNTED = 1000;

    private final Signals signals;
    private final SignalConfiguration rules;
    private final Playbooks playbooks;
    private final PlaybookConfiguration playbookConfiguration;
    private final Tasks tasks;
    private final Users users;

    WorkPanel(Signals signals, SignalConfiguration rules, Playbooks playbooks, PlaybookConfiguration playbookConfiguration,
            Tasks tasks, Users users) {
        this.signals = signals;
        this.rules = rules;
        this.playbooks = playbooks;
        this.playbookConfiguration = playbookConfiguration;
        this.tasks = tasks;
        this.users = users;
    }

    @GetMapping("/accounts/{id}/work")
    String panel(@PathVariable long id, Model model) {
        model.addAttribute("accountId", id);
        List<Signal> open = signals.openSignals(List.of(id));
        model.addAttribute("signals", open);
        model.addAttribute("ruleTitles", open.stream().map(Signal::rule).distinct()
                .collect(Collectors.toMap(rule -> rule, Labels::readable)));
        model.addAttribute("ruleDescriptions", ruleDescriptions());
        model.addAttribute("plays", playbooks.find(id, null, null, 20));
        model.addAttribute("playbookTitles", playbookTitles());
        model.addAttribute("tasks", tasks.find(new TaskFilter(null, id, null, TaskStatus.OPEN, 200)));
        model.addAttribute("people", users.possibleOwners());
        model.addAttribute("outcomes", List.of(PlayOutcome.values()));
        model.addAttribute("categories", List.of(SignalCategory.values()));
        model.addAttribute("today", tasks.today());
        return "work :: panel";
    }

    /** How many signals and tasks are open, for the account page's headline facts. */
    @GetMapping("/accounts/{id}/work/summary")
    String summary(@PathVariable long id, Model model) {
        model.addAttribute("accountId", id);
        model.addAttribute("openSignals", signals.openSignals(List.of(id)).size());
        model.addAttribute("openTasks", tasks.find(new TaskFilter(null, id, null, TaskStatus.OPEN, OPEN_TASKS_COUNTED)).size());
        return "work :: summary";
    }

    /** The success plans the account's plays attached: outcomes to reach and milestones with owners and dates. */
    @GetMapping("/accounts/{id}/plan")
    String plan(@PathVariable long id, Model model) {
        model.addAttribute("plans", playbooks.find(id, null, null, 50).stream().filter(p -> p.successPlan() != null).toList());
        model.addAttribute("playbookTitles", playbookTitles());
        return "work :: plan";
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
    String complete(@PathVariable long id, @PathVariable long taskId, @RequestParam(required = false) String minutesSpent,
            Model model) {
        return act(id, model, "Task done.", () -> tasks.complete(taskId, WholeMinutes.parse("minutesSpent", minutesSpent)));
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

    /** Each playbook's title as configured ("Major incident on a top account"), by its name. */
    private Map<String, String> playbookTitles() {
        Map<String, String> titles = new HashMap<>();
        playbookConfiguration.playbooks().forEach(p -> titles.put(p.name(), p.title()));
        return titles;
    }

    /** What each signal rule watches, in the words of its config, shown when a pointer rests on a signal. */
    private Map<String, String> ruleDescriptions() {
        Map<String, String> descriptions = new HashMap<>();
        rules.rules().forEach(rule -> descriptions.put(rule.key(), rule.description()));
        return descriptions;
    }

    /** Runs a change; a problem with the input or the state is shown in the panel instead of an error page. */
    private String act(long id, Model model, String done, Runnable change) {
        try {
            change.run();
            model.addAttribute("notice", done);
        } catch (InvalidInput e) {
            model.addAttribute("errors", e.named(Map.of()));
        } catch (Conflict | IllegalArgumentException e) {
            model.addAttribute("errors", List.of(e.getMessage()));
        }
        return panel(id, model);
    }
}
