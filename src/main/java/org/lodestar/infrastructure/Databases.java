package org.lodestar.infrastructure;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

/** Which database Lodestar runs on, for the few places that use PostgreSQL's own faster paths. */
public final class Databases {

    private Databases() {
    }

    public static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database Lodestar is on: " + e.getMessage(), e);
        }
    }
}
