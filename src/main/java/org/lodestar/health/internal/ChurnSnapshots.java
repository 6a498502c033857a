package org.lodestar.health.internal;

import org.lodestar.health.ChurnFeature;
import org.lodestar.health.ChurnRow;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.lodestar.infrastructure.CopyText;
import org.lodestar.infrastructure.Databases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The churn model's features as the book knew them on the dates of its calendar, kept once read (tables
 * churn_snapshot_date and churn_snapshot). A date is kept whole or not at all, with the feature keys its rows were
 * written in: a date written with other keys (an older release's features) is not read back.
 */
@Repository
public class ChurnSnapshots {

    /** An account's ARR and features on a kept date; the segment is the account's current one, added on reading. */
    public record Kept(long accountId, BigDecimal arr, Map<ChurnFeature, Double> values) {
    }

    private static final String KEYS = Stream.of(ChurnFeature.values()).map(ChurnFeature::key).collect(Collectors.joining(","));
    private static final int BATCH = 2000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final DataSource dataSource;
    private final boolean postgres;

    ChurnSnapshots(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource) {
        this.jdbc = jdbc;
        this.template = template;
        this.dataSource = dataSource;
        this.postgres = Databases.isPostgres(dataSource);
    }

    /** The date's rows as kept, or empty when the date is not kept in this release's features. */
    public Optional<List<Kept>> read(LocalDate day) {
        Optional<String> keys = jdbc.sql("select features from churn_snapshot_date where on_date = ?").param(day)
                .query(String.class).optional();
        if (keys.isEmpty() || !keys.get().equals(KEYS)) {
            return Optional.empty();
        }
        ChurnFeature[] features = ChurnFeature.values();
        List<Kept> rows = new ArrayList<>();
        jdbc.sql("select account_id, arr, feature_values from churn_snapshot where on_date = ? order by account_id").param(day)
                .query(rs -> {
                    rows.add(new Kept(rs.getLong(1), rs.getBigDecimal(2), decode(rs.getString(3), features)));
                });
        return Optional.of(rows);
    }

    /** Keeps the date's rows in place of anything kept for it. */
    @Transactional
    public void write(LocalDate day, List<ChurnRow> rows, Instant at) {
        jdbc.sql("delete from churn_snapshot_date where on_date = ?").param(day).update();
        jdbc.sql("insert into churn_snapshot_date (on_date, features, accounts, taken_at) values (?, ?, ?, ?)")
                .params(day, KEYS, rows.size(), Timestamp.from(at)).update();
        if (postgres) {
            CopyText.copyIn(dataSource, "copy churn_snapshot (account_id, on_date, arr, feature_values) from stdin", rows,
                    (line, r) -> {
                        line.append(r.accountId()).append('\t').append(day).append('\t').append(r.arr().toPlainString())
                                .append('\t').append(encode(r.values())).append('\n');
                        return true;
                    }, "keep the churn features of " + rows.size() + " accounts on " + day);
            return;
        }
        template.batchUpdate("insert into churn_snapshot (account_id, on_date, arr, feature_values) values (?, ?, ?, ?)", rows,
                BATCH, (statement, r) -> {
                    statement.setLong(1, r.accountId());
                    statement.setObject(2, day);
                    statement.setBigDecimal(3, r.arr());
                    statement.setString(4, encode(r.values()));
                });
    }

    /** Forgets every kept date, so the next training reads the history again. */
    public void clear() {
        jdbc.sql("delete from churn_snapshot").update();
        jdbc.sql("delete from churn_snapshot_date").update();
    }

    /** The values in the order of {@link ChurnFeature}, comma-separated, empty where missing. */
    public static String encode(Map<ChurnFeature, Double> values) {
        StringBuilder text = new StringBuilder(160);
        for (ChurnFeature feature : ChurnFeature.values()) {
            if (feature.ordinal() > 0) {
                text.append(',');
            }
            Double value = values.get(feature);
            if (value != null) {
                text.append(value.doubleValue());
            }
        }
        return text.toString();
    }

    /** 10^0 to 10^22: each exactly a double. */
    private static final double[] TENS = new double[23];

    static {
        TENS[0] = 1;
        for (int i = 1; i < TENS.length; i++) {
            TENS[i] = TENS[i - 1] * 10;
        }
    }

    /**
     * The number written by {@link Double#toString} in text[start, end). Plain decimals of at most 15 digits are read as
     * digits over a power of ten, one correctly rounded division, so the same double as {@link Double#parseDouble}
     * (which reads the rest) and several times faster over a date's hundreds of thousands of values.
     */
    public static double number(String text, int start, int end) {
        int i = start;
        boolean negative = text.charAt(i) == '-';
        if (negative) {
            i++;
        }
        long digits = 0;
        int count = 0;
        int decimals = -1;
        for (; i < end; i++) {
            char c = text.charAt(i);
            if (c == '.' && decimals < 0) {
                decimals = 0;
            } else if (c >= '0' && c <= '9' && count < 15) {
                digits = digits * 10 + (c - '0');
                count += digits == 0 ? 0 : 1;
                decimals += decimals < 0 ? 0 : 1;
            } else {
                return Double.parseDouble(text.substring(start, end));
            }
        }
        if (decimals >= TENS.length) {
            return Double.parseDouble(text.substring(start, end));
        }
        double value = decimals <= 0 ? digits : digits / TENS[decimals];
        return negative ? -value : value;
    }

    public static Map<ChurnFeature, Double> decode(String text, ChurnFeature[] features) {
        Map<ChurnFeature, Double> values = new EnumMap<>(ChurnFeature.class);
        int start = 0;
        for (ChurnFeature feature : features) {
            int end = text.indexOf(',', start);
            if (end < 0) {
                end = text.length();
            }
            if (end > start) {
                values.put(feature, number(text, start, end));
            }
            start = end + 1;
        }
        return values;
    }
}
