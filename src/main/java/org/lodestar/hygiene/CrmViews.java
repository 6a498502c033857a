package org.lodestar.hygiene;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.lodestar.accounts.AccountSet;
import org.lodestar.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What the CRM says about each account (renewal date, ARR, seats from its accounts export), kept as the CRM's view
 * beside the contracts' so the data hygiene report can show where they disagree. Written by the accounts import.
 */
@Repository
public class CrmViews {

    /** The CRM's view of one account; each figure null when the CRM did not state it. */
    @Schema(example = """
            {"renewalDate": "2027-03-01", "arr": 150000, "seats": 500}""")
    public record CrmView(LocalDate renewalDate, BigDecimal arr, Integer seats) {

        @JsonIgnore
        public boolean isEmpty() {
            return renewalDate == null && arr == null && seats == null;
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    CrmViews(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public Optional<CrmView> find(long accountId) {
        return jdbc.sql("select renewal_date, arr, seats from crm_account_view where account_id = ?").param(accountId)
                .query((rs, n) -> new CrmView(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2),
                        rs.getObject(3, Integer.class))).optional();
    }

    /** A CRM view with the file it last came from. */
    public record Recorded(CrmView view, String source) {
    }

    /** Every account's CRM view with the file it came from. */
    public Map<Long, Recorded> all() {
        return of(AccountSet.all());
    }

    /** These accounts' CRM views with the file each came from. */
    public Map<Long, Recorded> of(AccountSet accounts) {
        Map<Long, Recorded> views = new HashMap<>();
        accounts.inParts(part -> jdbc.sql("select account_id, renewal_date, arr, seats, source from crm_account_view "
                + "where 1 = 1" + part.where("account_id")).params(part.params()).query(rs -> {
                    views.put(rs.getLong(1), new Recorded(new CrmView(rs.getObject(2, LocalDate.class), rs.getBigDecimal(3),
                            rs.getObject(4, Integer.class)), rs.getString(5)));
                }));
        return views;
    }

    /**
     * Records what the CRM stated; a figure not stated (null) keeps the one recorded before, so a file with fewer
     * columns never wipes the CRM's view. Audited. Whether anything changed.
     */
    public boolean record(long accountId, CrmView stated, String source) {
        CrmView before = find(accountId).orElse(null);
        CrmView after = before == null ? stated : new CrmView(
                stated.renewalDate() != null ? stated.renewalDate() : before.renewalDate(),
                stated.arr() != null ? stated.arr() : before.arr(), stated.seats() != null ? stated.seats() : before.seats());
        if (after.isEmpty() || (before != null && same(before, after))) {
            return false;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (before == null) {
            jdbc.sql("insert into crm_account_view (account_id, renewal_date, arr, seats, source, imported_at) values (?, ?, ?, ?, ?, ?)")
                    .params(accountId, after.renewalDate(), after.arr(), after.seats(), source, now).update();
        } else {
            jdbc.sql("update crm_account_view set renewal_date = ?, arr = ?, seats = ?, source = ?, imported_at = ? where account_id = ?")
                    .params(after.renewalDate(), after.arr(), after.seats(), source, now, accountId).update();
        }
        audit.updated("account", accountId, "CRM view: " + describe(after), before == null ? null : describe(before),
                describe(after));
        return true;
    }

    private static boolean same(CrmView a, CrmView b) {
        return Objects.equals(a.renewalDate(), b.renewalDate()) && Objects.equals(a.seats(), b.seats())
                && (a.arr() == null ? b.arr() == null : b.arr() != null && a.arr().compareTo(b.arr()) == 0);
    }

    private static Map<String, Object> describe(CrmView view) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("crmRenewalDate", view.renewalDate());
        map.put("crmArr", view.arr());
        map.put("crmSeats", view.seats());
        return map;
    }
}
