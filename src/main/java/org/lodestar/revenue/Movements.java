package org.lodestar.revenue;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads ledger rows. */
final class Movements {

    private Movements() {
    }

    static ArrMovement read(ResultSet rs) throws SQLException {
        return new ArrMovement(rs.getLong("id"), rs.getLong("account_id"), rs.getDate("effective_date").toLocalDate(),
                MovementKind.of(rs.getString("kind")), rs.getBigDecimal("amount").setScale(2), rs.getString("reason"),
                rs.getString("source"), rs.getTimestamp("recorded_at").toInstant());
    }
}
