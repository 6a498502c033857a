package org.lodestar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lodestar.revenue.MovementKind;

class BenchmarkLedgerTest {

    @Test
    void everyAccountsLedgerIsValidAndTheRowsAddUpToWhatWasAskedFor() {
        BenchmarkLedger ledger = new BenchmarkLedger(3_000, 30_000, 42);
        List<String> problems = new ArrayList<>();
        Map<MovementKind, Integer> kinds = new EnumMap<>(MovementKind.class);
        long rows = 0;
        for (int number = 1; number <= ledger.accounts(); number++) {
            BenchmarkLedger.Account account = ledger.account(number);
            problems.addAll(LedgerRules.problems(account.externalId(), account.movements()));
            account.movements().forEach(m -> kinds.merge(m.kind(), 1, Integer::sum));
            rows += account.movements().size();
            assertThat(account.closingCents()).isGreaterThanOrEqualTo(0);
        }
        assertThat(problems).isEmpty();
        assertThat(rows).isEqualTo(30_000);
        assertThat(ledger.accounts()).isEqualTo(3_000);
        assertThat(kinds).as("every kind occurs").containsOnlyKeys(MovementKind.values());
        assertThat(kinds.get(MovementKind.NEW)).isEqualTo(3_000);
        assertThat(ledger.account(7).externalId()).isEqualTo("BENCH-000007");
    }

    @Test
    void theSameSeedGivesTheSameBookAndAnotherSeedAnother() {
        BenchmarkLedger first = new BenchmarkLedger(500, 4_000, 42);
        BenchmarkLedger again = new BenchmarkLedger(500, 4_000, 42);
        BenchmarkLedger other = new BenchmarkLedger(500, 4_000, 43);
        for (int number = 1; number <= 500; number++) {
            assertThat(again.account(number)).isEqualTo(first.account(number));
            assertThat(first.account(number)).as("asked twice").isEqualTo(first.account(number));
        }
        assertThat(other.account(1)).isNotEqualTo(first.account(1));
    }

    @Test
    void inEffectiveOrderHoldsEveryMovementByDayKeepingEachAccountsOwnOrder() {
        BenchmarkLedger ledger = new BenchmarkLedger(300, 3_000, 42);
        Map<Integer, List<BenchmarkLedger.Movement>> byAccount = new HashMap<>();
        List<LocalDate> days = new ArrayList<>();
        ledger.inEffectiveOrder((movement, account) -> {
            byAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(movement);
            days.add(movement.effectiveDate());
        });
        assertThat(days).hasSize(3_000).isSorted();
        for (int number = 1; number <= 300; number++) {
            assertThat(byAccount.get(number)).as("account %d", number).isEqualTo(ledger.account(number).movements());
        }
    }

    @Test
    void everyAccountNeedsAtLeastItsNewContract() {
        assertThatThrownBy(() -> new BenchmarkLedger(100, 99, 42)).hasMessage(
                "--movements: every account starts with a new contract, so expected at least --accounts (100), got 99");
        assertThatThrownBy(() -> new BenchmarkLedger(0, 10, 42))
                .hasMessage("--accounts: expected at least 1, got 0");
        BenchmarkLedger one = new BenchmarkLedger(1, 1, 42);
        assertThat(one.account(1).movements()).singleElement()
                .satisfies(m -> assertThat(m.kind()).isEqualTo(MovementKind.NEW));
    }
}
