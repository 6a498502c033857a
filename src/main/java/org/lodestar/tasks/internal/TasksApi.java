package org.lodestar.tasks.internal;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import org.lodestar.tasks.Task;
import org.lodestar.tasks.TaskDraft;
import org.lodestar.tasks.TaskFilter;
import org.lodestar.tasks.TaskStatus;
import org.lodestar.tasks.Tasks;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Tasks over HTTP. */
@RestController
@Tag(name = "Tasks", description = "Work on accounts, by hand or from plays")
class TasksApi {

    @Schema(example = """
            {"ownerEmail": "csm@lodestar.local"}""")
    record Reassignment(String ownerEmail) {
    }

    @Schema(example = """
            {"until": "2026-12-14"}""")
    record Snooze(LocalDate until) {
    }

    @Schema(example = """
            {"taskIds": [101, 102], "action": "snooze", "until": "2026-12-14"}""")
    record Bulk(List<Long> taskIds, String action, LocalDate until, String ownerEmail) {
    }

    /** What completing a task may record: the minutes it took (whole minutes, 1 to 1440). */
    @Schema(example = """
            {"minutesSpent": 25}""")
    record Completion(Integer minutesSpent) {
    }

    record BulkDone(int updated, List<Task> tasks) {
    }

    private final Tasks tasks;

    TasksApi(Tasks tasks) {
        this.tasks = tasks;
    }

    @GetMapping("/api/tasks")
    @Operation(summary = "Tasks", description = "Filter by owner (email), account id, play id and status (open, done, "
            + "cancelled); earliest due first, up to limit (1-1000).")
    List<Task> find(@RequestParam(required = false) String owner, @RequestParam(required = false) Long account,
            @RequestParam(required = false) Long play, @RequestParam(required = false) TaskStatus status,
            @RequestParam(defaultValue = "100") int limit) {
        return tasks.find(new TaskFilter(owner, account, play, status, limit));
    }

    @Operation(summary = "Create a task")
    @PostMapping("/api/tasks")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<Task> create(@RequestBody TaskDraft draft) {
        Task created = tasks.create(draft);
        return ResponseEntity.created(URI.create("/api/tasks/" + created.id())).body(created);
    }

    @Operation(summary = "Get a task")
    @GetMapping("/api/tasks/{id}")
    Task get(@PathVariable long id) {
        return tasks.get(id);
    }

    @PostMapping("/api/tasks/{id}/complete")
    @Operation(summary = "Complete a task", description = "An optional body {\"minutesSpent\": 30} records the time it "
            + "took (whole minutes, 1-1440); without it the task counts its category's default minutes in the time split.")
    Task complete(@PathVariable long id, @RequestBody(required = false) Completion body) {
        return tasks.complete(id, body == null ? null : body.minutesSpent());
    }

    @Operation(summary = "Cancel a task")
    @PostMapping("/api/tasks/{id}/cancel")
    Task cancel(@PathVariable long id) {
        return tasks.cancel(id);
    }

    @Operation(summary = "Give a task to someone else")
    @PostMapping("/api/tasks/{id}/reassign")
    Task reassign(@PathVariable long id, @RequestBody Reassignment body) {
        return tasks.reassign(id, body.ownerEmail());
    }

    @PostMapping("/api/tasks/bulk")
    @Operation(summary = "Act on several tasks at once", description = "action done, snooze (until a day) or reassign "
            + "(to ownerEmail) on taskIds (1-" + Tasks.MOST_IN_BULK + " open tasks); all or none: a task that is missing or "
            + "not open is named and nothing changes.")
    BulkDone bulk(@RequestBody Bulk body) {
        List<Task> done = tasks.bulk(body.taskIds(), Tasks.BulkAction.parse(body.action()), body.until(), body.ownerEmail());
        return new BulkDone(done.size(), done);
    }

    @Operation(summary = "Snooze a task until a date")
    @PostMapping("/api/tasks/{id}/snooze")
    Task snooze(@PathVariable long id, @RequestBody Snooze body) {
        return tasks.snooze(id, body.until());
    }
}
