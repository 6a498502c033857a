package org.lodestar.playbooks.internal;

import java.time.LocalDate;
import java.util.List;

import org.lodestar.playbooks.Play;
import org.lodestar.playbooks.PlayOutcome;
import org.lodestar.playbooks.PlaybookConfiguration;
import org.lodestar.playbooks.PlaybookDefinition;
import org.lodestar.playbooks.Playbooks;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Playbooks and plays over HTTP. */
@RestController
@Tag(name = "Playbooks", description = "Playbooks in force and the plays they start")
class PlaybooksApi {

    @Schema(example = """
            {"outcome": "saved", "note": "Champion re-engaged after the exec call"}""")
    record Closing(PlayOutcome outcome, String note) {
    }

    private final Playbooks playbooks;
    private final PlaybookConfiguration configuration;

    PlaybooksApi(Playbooks playbooks, PlaybookConfiguration configuration) {
        this.playbooks = playbooks;
        this.configuration = configuration;
    }

    @Operation(summary = "List the playbooks")
    @GetMapping("/api/playbooks")
    List<PlaybookDefinition> definitions() {
        return configuration.playbooks();
    }

    @GetMapping("/api/playbooks/dry-run")
    @Operation(summary = "What would start on a day", description = "Evaluates the signal rules on the whole book without "
            + "storing anything and lists the plays that would start, with their tasks' owners and due dates. asOf: the "
            + "day (default today; up to two years back, one ahead): a past day on the facts as they were, a future "
            + "day on today's facts with renewal windows and deadlines counted to it.")
    List<Playbooks.WouldStart> dryRun(@RequestParam(required = false) LocalDate asOf) {
        return asOf == null ? playbooks.dryRun() : playbooks.dryRun(asOf);
    }

    @GetMapping("/api/plays")
    @Operation(summary = "Plays", description = "Filter by account id, playbook name and open (true: open only, false: "
            + "closed only); newest first, up to limit (1-1000).")
    List<Play> find(@RequestParam(required = false) Long account, @RequestParam(required = false) String playbook,
            @RequestParam(required = false) Boolean open, @RequestParam(defaultValue = "100") int limit) {
        return playbooks.find(account, playbook, open, limit);
    }

    @Operation(summary = "Get a play")
    @GetMapping("/api/plays/{id}")
    Play get(@PathVariable long id) {
        return playbooks.get(id);
    }

    @PostMapping("/api/plays/{id}/close")
    @Operation(summary = "Close a play", description = "outcome: saved, churned, expanded, renewed or no-action-needed; "
            + "its open tasks are cancelled.")
    Play close(@PathVariable long id, @RequestBody Closing closing) {
        return playbooks.close(id, closing.outcome(), closing.note());
    }
}
