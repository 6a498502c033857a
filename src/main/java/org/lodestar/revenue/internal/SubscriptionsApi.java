package org.lodestar.revenue.internal;

import java.net.URI;
import java.util.List;

import org.lodestar.revenue.Subscription;
import org.lodestar.revenue.SubscriptionDraft;
import org.lodestar.revenue.Subscriptions;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Subscriptions and their line items over HTTP. */
@RestController
@Tag(name = "Subscriptions", description = "Contracts with line items")
class SubscriptionsApi {

    private final Subscriptions subscriptions;

    SubscriptionsApi(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Operation(summary = "List an account's subscriptions")
    @GetMapping("/api/accounts/{accountId}/subscriptions")
    List<Subscription> list(@PathVariable long accountId) {
        return subscriptions.listForAccount(accountId);
    }

    @Operation(summary = "Add a subscription with its line items", description = "Its days and its line items' lie "
            + "between 1990-01-01 and 2100-12-31; another day is a 400 naming the field.")
    @PostMapping("/api/accounts/{accountId}/subscriptions")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<Subscription> create(@PathVariable long accountId, @RequestBody SubscriptionDraft draft) {
        Subscription created = subscriptions.create(accountId, draft);
        return ResponseEntity.created(URI.create("/api/subscriptions/" + created.id())).body(created);
    }

    @Operation(summary = "Get a subscription")
    @GetMapping("/api/subscriptions/{id}")
    Subscription get(@PathVariable long id) {
        return subscriptions.get(id);
    }

    @Operation(summary = "Replace a subscription and its line items", description = "A draft that says what is "
            + "stored changes nothing: nothing is written or audited, and the subscription is answered as it is, its "
            + "line items with the same ids. Days lie between 1990-01-01 and 2100-12-31, as for a new subscription.")
    @PutMapping("/api/subscriptions/{id}")
    Subscription update(@PathVariable long id, @RequestBody SubscriptionDraft draft) {
        return subscriptions.update(id, draft);
    }

    @Operation(summary = "Delete a subscription")
    @DeleteMapping("/api/subscriptions/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    ResponseEntity<Void> delete(@PathVariable long id) {
        subscriptions.delete(id);
        return ResponseEntity.noContent().build();
    }
}
