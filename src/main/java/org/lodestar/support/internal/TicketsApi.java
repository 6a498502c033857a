package org.lodestar.support.internal;

import java.net.URI;
import java.util.List;

import org.lodestar.support.SupportTickets;
import org.lodestar.support.Ticket;
import org.lodestar.support.TicketDraft;
import org.lodestar.support.TicketFilter;
import org.lodestar.support.TicketPriority;
import org.lodestar.support.TicketStatus;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Support tickets over HTTP. */
@RestController
@Tag(name = "Support tickets", description = "Each account's support tickets")
class TicketsApi {

    private final SupportTickets tickets;

    TicketsApi(SupportTickets tickets) {
        this.tickets = tickets;
    }

    @Operation(summary = "List an account's support tickets")
    @GetMapping("/api/accounts/{accountId}/tickets")
    List<Ticket> list(@PathVariable long accountId) {
        return tickets.listForAccount(accountId);
    }

    @Operation(summary = "Record a support ticket")
    @PostMapping("/api/accounts/{accountId}/tickets")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<Ticket> create(@PathVariable long accountId, @RequestBody TicketDraft draft) {
        Ticket created = tickets.create(accountId, draft);
        return ResponseEntity.created(URI.create("/api/tickets/" + created.id())).body(created);
    }

    @GetMapping("/api/tickets")
    @Operation(summary = "Tickets across the book", description = "Filter by account id, status (open, pending, "
            + "solved, closed), priority (low, normal, high, urgent) and unresolved (true: open or pending); newest "
            + "first, up to limit (1-1000).")
    List<Ticket> find(@RequestParam(required = false) Long account, @RequestParam(required = false) TicketStatus status,
            @RequestParam(required = false) TicketPriority priority, @RequestParam(required = false) Boolean unresolved,
            @RequestParam(defaultValue = "100") int limit) {
        return tickets.find(new TicketFilter(account, status, priority, unresolved, limit));
    }

    @Operation(summary = "Get a support ticket")
    @GetMapping("/api/tickets/{id}")
    Ticket get(@PathVariable long id) {
        return tickets.get(id);
    }

    @Operation(summary = "Replace a support ticket")
    @PutMapping("/api/tickets/{id}")
    Ticket update(@PathVariable long id, @RequestBody TicketDraft draft) {
        return tickets.update(id, draft);
    }

    @Operation(summary = "Delete a support ticket")
    @DeleteMapping("/api/tickets/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    ResponseEntity<Void> delete(@PathVariable long id) {
        tickets.delete(id);
        return ResponseEntity.noContent().build();
    }
}
