package org.lodestar.infrastructure;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BiPredicate;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.datasource.DataSourceUtils;

/** PostgreSQL COPY in its text format, for the modules that load rows in bulk. */
public final class CopyText {

    private CopyText() {
    }

    /**
     * Runs {@code sql} (a {@code copy … from stdin}) on the connection, writing a line per row that
     * {@code line} accepts (it appends the line, newline included, and answers whether to send it);
     * returns how many lines it sent. A row the server refuses (such as a duplicate key) is its SQLException.
     */
    public static <T> int copyIn(Connection connection, String sql, Iterable<T> rows, BiPredicate<StringBuilder, T> line)
            throws SQLException, IOException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        int written = 0;
        try (Writer out = new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(copy, 1 << 16),
                StandardCharsets.UTF_8), 1 << 16)) {
            StringBuilder text = new StringBuilder(512);
            for (T row : rows) {
                text.setLength(0);
                if (line.test(text, row)) {
                    out.append(text);
                    written++;
                }
            }
        } catch (IOException e) {
            // PGCopyOutputStream reports the server's refusal as an IOException.
            if (e.getCause() instanceof SQLException refused) {
                throw refused;
            }
            throw e;
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        return written;
    }

    /**
     * As {@link #copyIn(Connection, String, Iterable, BiPredicate)} on the data source's connection of the current
     * transaction (a connection of its own outside one); a failure is an IllegalStateException saying it could not
     * {@code what} ("store 100 churn risks").
     */
    public static <T> int copyIn(DataSource dataSource, String sql, Iterable<T> rows, BiPredicate<StringBuilder, T> line,
            String what) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return copyIn(connection, sql, rows, line);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not " + what, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Appends a value: backslash escapes for the separators, \N for null. */
    public static StringBuilder field(StringBuilder line, String value) {
        if (value == null) {
            return line.append("\\N");
        }
        // The usual case, found by String's fast searches and copied at once.
        if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return line.append(value);
        }
        int plain = 0;
        while (!special(value.charAt(plain))) {
            plain++;
        }
        line.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
        return line;
    }

    private static boolean special(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }
}
