package org.lodestar.accounts.internal;

import org.lodestar.accounts.AccountAliases;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** An account's aliases (the names the wrong-customer guard knows it by). */
@RestController
@Tag(name = "Accounts")
class AliasesApi {

    private final AccountAliases aliases;

    AliasesApi(AccountAliases aliases) {
        this.aliases = aliases;
    }

    @Schema(example = """
            {"alias": "Acme Rocket Co."}""")
    record NewAlias(String alias) {
    }

    @GetMapping("/api/accounts/{id}/aliases")
    @Operation(summary = "The names the account goes by besides its own (suggested from its name and domain, or added), "
            + "and the suggestions dismissed")
    AccountAliases.Aliases list(@PathVariable long id) {
        return aliases.of(id);
    }

    @PostMapping("/api/accounts/{id}/aliases")
    @Operation(summary = "Add an alias ({\"alias\": \"Apex\"}), such as a short name, a brand or a domain")
    AccountAliases.Aliases add(@PathVariable long id, @RequestBody NewAlias alias) {
        return aliases.add(id, alias == null ? null : alias.alias());
    }

    @DeleteMapping("/api/accounts/{id}/aliases/{alias}")
    @Operation(summary = "Remove an alias; a suggested one is remembered as dismissed")
    AccountAliases.Aliases remove(@PathVariable long id, @PathVariable String alias) {
        return aliases.remove(id, alias);
    }
}
