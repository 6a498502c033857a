package org.lodestar.signals.internal;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.lodestar.errors.InvalidInput;
import org.lodestar.signals.DataLoads;
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

/** Loads of the book in settling mode over HTTP. */
@RestController
@Tag(name = "Loads", description = "Hold signals back while the book loads; evaluate once when it is complete")
class LoadsApi {

    /** {@code within} as ISO-8601 text (PT2H), not a number of seconds. */
    @Schema(example = """
            {"name": "Nightly warehouse sync", "within": "PT2H"}""")
    record Begin(String name, String within) {
    }

    private final DataLoads loads;

    LoadsApi(DataLoads loads) {
        this.loads = loads;
    }

    @PostMapping("/api/loads")
    @Operation(summary = "Open a load", description = "name: what is being loaded; within: its time limit (ISO-8601, "
            + "default PT2H, at most PT24H). Until it completes, rescored accounts are not evaluated for signals.")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<DataLoads.Load> begin(@RequestBody Begin body) {
        Duration within = Duration.ofHours(2);
        if (body.within() != null) {
            try {
                within = Duration.parse(body.within().trim());
            } catch (DateTimeParseException e) {
                throw new InvalidInput("within", "expected a time limit such as PT2H, got '" + body.within() + "'");
            }
        }
        DataLoads.Load load = loads.begin(body.name(), within);
        return ResponseEntity.created(URI.create("/api/loads/" + load.id())).body(load);
    }

    @PostMapping("/api/loads/{id}/complete")
    @Operation(summary = "Complete a load", description = "When no other load is open, evaluates signals once for every "
            + "account rescored while they waited (evaluated says how many).")
    DataLoads.Load complete(@PathVariable long id) {
        return loads.complete(id);
    }

    @Operation(summary = "List the latest data loads")
    @GetMapping("/api/loads")
    List<DataLoads.Load> list(@RequestParam(defaultValue = "50") int limit) {
        return loads.list(limit);
    }

    @Operation(summary = "Get a data load")
    @GetMapping("/api/loads/{id}")
    DataLoads.Load get(@PathVariable long id) {
        return loads.get(id);
    }
}
