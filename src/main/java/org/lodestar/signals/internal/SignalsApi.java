package org.lodestar.signals.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.lodestar.accounts.Accounts;
import org.lodestar.signals.Signal;
import org.lodestar.signals.SignalConfiguration;
import org.lodestar.signals.SignalRule;
import org.lodestar.signals.Signals;
import org.lodestar.signals.SignalsChanged;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Signals over HTTP. */
@RestController
@Tag(name = "Signals", description = "What the rules noticed about accounts")
class SignalsApi {

    private final Signals signals;
    private final SignalConfiguration configuration;
    private final Accounts accounts;

    SignalsApi(Signals signals, SignalConfiguration configuration, Accounts accounts) {
        this.signals = signals;
        this.configuration = configuration;
        this.accounts = accounts;
    }

    @GetMapping("/api/signals")
    @Operation(summary = "Signals across the book", description = "Filter by account id, rule key and open (true: "
            + "open only, false: resolved only); newest first, up to limit (1-1000).")
    List<Signal> find(@RequestParam(required = false) Long account, @RequestParam(required = false) String rule,
            @RequestParam(required = false) Boolean open, @RequestParam(defaultValue = "100") int limit) {
        return signals.find(account, rule, open, limit);
    }

    @Operation(summary = "Get a signal")
    @GetMapping("/api/signals/{id}")
    Signal get(@PathVariable long id) {
        return signals.get(id);
    }

    @GetMapping("/api/signals/rules")
    @Operation(summary = "The signal rules in force")
    List<SignalRule> rules() {
        return configuration.rules();
    }

    @GetMapping("/api/signals/preview")
    @Operation(summary = "What would fire on a day", description = "asOf=DATE (up to two years back, one ahead), for one "
            + "account (account=id) or the whole book; nothing is stored. A past day is read as it was; a future day on "
            + "today's facts with renewal windows and deadlines counted to it.")
    Signals.Preview preview(@RequestParam LocalDate asOf, @RequestParam(required = false) Long account) {
        if (account != null) {
            accounts.get(account);
        }
        return signals.preview(account == null ? null : List.of(account), asOf);
    }

    @PostMapping("/api/signals/evaluate")
    @Operation(summary = "Evaluate the rules now, or preview a day", description = "For one account (account=id) or the "
            + "whole book; returns what fired and what was resolved. With asOf=DATE nothing is stored: it answers what "
            + "would fire and resolve on that day (GET /api/signals/preview).")
    Object evaluate(@RequestParam(required = false) Long account, @RequestParam(required = false) LocalDate asOf) {
        if (account != null) {
            accounts.get(account); // an unknown account is a 404, not an empty answer
        }
        if (asOf != null) {
            return signals.preview(account == null ? null : List.of(account), asOf);
        }
        SignalsChanged changed = signals.evaluate(account == null ? null : List.of(account));
        return Map.of("fired", changed.fired(), "resolved", changed.resolved());
    }
}
