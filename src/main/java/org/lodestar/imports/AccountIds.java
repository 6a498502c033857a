package org.lodestar.imports;

import java.util.HashMap;
import java.util.Map;

import org.lodestar.accounts.Account;
import org.lodestar.accounts.Accounts;

/** The accounts the rows of one file name by their {@code account_external_id}, each looked up once a file. */
final class AccountIds {

    private final Accounts accounts;
    private final Map<String, Long> ids = new HashMap<>();

    AccountIds(Accounts accounts) {
        this.accounts = accounts;
    }

    /** The account a row names, refusing the cell when there is none; null when the cell is empty or refused. */
    Long of(CsvTable.Cells cells) {
        String externalId = cells.required("account_external_id");
        Long accountId = externalId == null ? null : ids.computeIfAbsent(externalId,
                id -> accounts.findByExternalId(id).map(Account::id).orElse(null));
        if (externalId != null && accountId == null) {
            cells.refuse("account_external_id", "no account with external id " + externalId);
        }
        return accountId;
    }
}
