package org.lodestar.billing.internal;

import java.net.URI;
import java.util.List;

import org.lodestar.billing.Invoice;
import org.lodestar.billing.InvoiceDraft;
import org.lodestar.billing.InvoiceFilter;
import org.lodestar.billing.InvoiceStatus;
import org.lodestar.billing.Invoices;

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

/** Invoices over HTTP. */
@RestController
@Tag(name = "Invoices", description = "Each account's invoices and what is overdue")
class InvoicesApi {

    private final Invoices invoices;

    InvoicesApi(Invoices invoices) {
        this.invoices = invoices;
    }

    @Operation(summary = "List an account's invoices")
    @GetMapping("/api/accounts/{accountId}/invoices")
    List<Invoice> list(@PathVariable long accountId) {
        return invoices.listForAccount(accountId);
    }

    @Operation(summary = "Record an invoice")
    @PostMapping("/api/accounts/{accountId}/invoices")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<Invoice> create(@PathVariable long accountId, @RequestBody InvoiceDraft draft) {
        Invoice created = invoices.create(accountId, draft);
        return ResponseEntity.created(URI.create("/api/invoices/" + created.id())).body(created);
    }

    @GetMapping("/api/invoices")
    @Operation(summary = "Invoices across the book", description = "Filter by account id, status (draft, open, paid, "
            + "void, uncollectible) and overdue (true: owed and past the due date, longest overdue first); up to "
            + "limit (1-1000).")
    List<Invoice> find(@RequestParam(required = false) Long account,
            @RequestParam(required = false) InvoiceStatus status, @RequestParam(required = false) Boolean overdue,
            @RequestParam(defaultValue = "100") int limit) {
        return invoices.find(new InvoiceFilter(account, status, overdue, limit));
    }

    @Operation(summary = "Get an invoice")
    @GetMapping("/api/invoices/{id}")
    Invoice get(@PathVariable long id) {
        return invoices.get(id);
    }

    @Operation(summary = "Replace an invoice")
    @PutMapping("/api/invoices/{id}")
    Invoice update(@PathVariable long id, @RequestBody InvoiceDraft draft) {
        return invoices.update(id, draft);
    }

    @Operation(summary = "Delete an invoice")
    @DeleteMapping("/api/invoices/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    ResponseEntity<Void> delete(@PathVariable long id) {
        invoices.delete(id);
        return ResponseEntity.noContent().build();
    }
}
