package org.lodestar.revenue;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.lodestar.audit.Actors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only ARR ledger. Whenever an account's contracts change, {@link #follow} appends the
 * movements that bring the ledger back in line with them; nothing is ever updated or deleted.
 */
@Repository
public class ArrLedger {

    private final JdbcClient jdbc;
    private final Clock clock;

    ArrLedger(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Appends what the account's current contracts imply and the ledger does not yet say. */
    @Transactional
    public List<ArrHistory.Planned> follow(long accountId, List<Subscription> contracts) {
        List<ArrHistory.Planned> appended = ArrHistory.corrections(ArrHistory.movements(contracts), forAccount(accountId));
        String source = limit(Actors.current().toString(), 300);
        Timestamp now = Timestamp.from(clock.instant());
        for (ArrHistory.Planned movement : appended) {
            jdbc.sql("""
                    insert into arr_movement (account_id, effective_date, kind, amount, reason, source, recorded_at)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(accountId, Date.valueOf(movement.effectiveDate()), movement.kind().label(),
                            movement.amount(), movement.reason(), source, now)
                    .update();
        }
        return appended;
    }

    /** An account's movements in the order they take effect (then the order they were recorded). */
    public List<ArrMovement> forAccount(long accountId) {
        return jdbc.sql("select * from arr_movement where account_id = ? order by effective_date, id")
                .param(accountId).query((rs, n) -> Movements.read(rs)).list();
    }

    /** Accounts with contracts the ledger has never seen, such as those from before the ledger existed. */
    List<Long> accountsNotYetFollowed() {
        return jdbc.sql("""
                select distinct s.account_id from subscription s
                where not exists (select 1 from arr_movement m where m.account_id = s.account_id)
                order by s.account_id""").query(Long.class).list();
    }

    private static String limit(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
