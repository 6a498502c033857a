package org.lodestar.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lodestar.ApiClient;
import org.lodestar.Book;
import org.lodestar.LodestarTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A write key is never kept in clear (PRODUCT §9): sent in the body of a call or a batch instead of as
 * HTTP Basic, it authenticates the request and is dropped. The whole database and the log are searched
 * for it; only the short prefix that lets an admin recognise the key is stored.
 */
@LodestarTest
@ExtendWith(OutputCaptureExtension.class)
class WriteKeySecrecyTest {

    /** The character types a secret could be written into, as H2 and PostgreSQL name them. */
    private static final Set<String> TEXT_TYPES = Set.of("character varying", "varchar", "character", "char", "text",
            "character large object", "clob", "json", "jsonb");

    @LocalServerPort
    int port;
    @Autowired
    Book book;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UsageRollups rollups;
    @Autowired
    LoggingSystem logging;
    ApiClient api;

    @BeforeEach
    void setUp() {
        book.empty();
        api = new ApiClient(port, LodestarTest.ADMIN_TOKEN);
        ApiClient.Response account = api.post("/api/accounts",
                "{\"externalId\":\"ACME\",\"name\":\"Acme Inc\",\"productGroupId\":\"acme-workspace\"}");
        assertThat(account.status()).as(account.body()).isEqualTo(201);
    }

    @Test
    void aWriteKeySentInTheBodyIsStoredNowhereAndLoggedNowhere(CapturedOutput output) {
        String rootLevel = logging.getLoggerConfiguration(LoggingSystem.ROOT_LOGGER_NAME).getEffectiveLevel().name();
        String secret;
        // Everything logs, so that a secret written at any level would show.
        logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.DEBUG);
        try {
            ApiClient.Response created = api.post("/api/write-keys", "{\"name\":\"web app\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            secret = created.json().get("secret").asString();
            Tracker inBody = new Tracker(port, null);

            ApiClient.Response track = inBody.send("track", """
                    {"writeKey":"%s","userId":"u1","event":"Report Viewed","messageId":"m-1",
                     "timestamp":"2026-03-02T10:00:00Z","context":{"groupId":"acme-workspace"}}""".formatted(secret));
            assertThat(track.status()).as(track.body()).isEqualTo(200);
            ApiClient.Response batch = inBody.send("batch", """
                    {"writeKey":"%s","batch":[
                      {"type":"track","userId":"u2","event":"Export","messageId":"m-2","timestamp":"2026-03-02T11:00:00Z",
                       "context":{"groupId":"acme-workspace"}},
                      {"type":"track","writeKey":"%s","userId":"u3","event":"Export","messageId":"m-3",
                       "timestamp":"2026-03-02T12:00:00Z","context":{"groupId":"no-such-workspace"}}]}"""
                    .formatted(secret, secret));
            assertThat(batch.status()).as(batch.body()).isEqualTo(200);
            ApiClient.Response identify = inBody.send("identify", """
                    {"writeKey":"%s","userId":"u1","messageId":"m-5","traits":{"plan":"pro"}}""".formatted(secret));
            assertThat(identify.status()).as(identify.body()).isEqualTo(200);
            ApiClient.Response basic = new Tracker(port, secret).send("track", """
                    {"userId":"u4","event":"Login","messageId":"m-4","timestamp":"2026-03-02T13:00:00Z",
                     "context":{"groupId":"acme-workspace"}}""");
            assertThat(basic.status()).as(basic.body()).isEqualTo(200);
            ApiClient.Response refused = inBody.send("track", "{\"writeKey\":\"" + secret + "\",\"event\":\"E\"}");
            assertThat(refused.status()).as("no userId").isEqualTo(400);
            assertThat(refused.body()).doesNotContain(secret);
            rollups.drain();
        } finally {
            logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.valueOf(rootLevel));
        }

        assertThat(jdbc.sql("select message_id from tracked_event order by message_id").query(String.class).list())
                .as("the calls were stored").contains("m-1", "m-2", "m-4");
        assertThat(jdbc.sql("select message_id from unattributed_event").query(String.class).list())
                .as("of an unknown workspace").containsExactly("m-3");
        assertThat(jdbc.sql("select traits from tracked_user where user_key like '%u1'").query(String.class).list())
                .as("what identify said").singleElement().asString().contains("pro");

        List<String> searched = textColumns();
        assertThat(searched).as("the search covers the events, the audit log and the keys")
                .contains("tracked_event.payload", "unattributed_event.payload", "audit_event.summary",
                        "write_key.key_prefix");
        String prefix = secret.substring(0, 10);
        assertThat(columnsHolding(prefix, searched)).as("the search finds what is there: the key's prefix")
                .contains("write_key.key_prefix");
        assertThat(columnsHolding(secret, searched)).as("columns holding the write key").isEmpty();
        assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'write-key'").query(Long.class)
                .single()).as("the key's creation is audited").isEqualTo(1);

        String basicCredentials = Base64.getEncoder().encodeToString((secret + ":").getBytes(StandardCharsets.UTF_8));
        assertThat(output.getAll()).as("the log while debugging").contains("/v1/track").doesNotContain(secret)
                .doesNotContain(basicCredentials);
    }

    /** Every character column of the current schema, as table.column. */
    private List<String> textColumns() {
        return jdbc.sql("""
                select table_name, column_name, data_type from information_schema.columns
                where table_schema = current_schema order by table_name, ordinal_position""")
                .query((rs, n) -> TEXT_TYPES.contains(rs.getString("data_type").toLowerCase())
                        ? rs.getString("table_name").toLowerCase() + "." + rs.getString("column_name").toLowerCase()
                        : null)
                .list().stream().filter(column -> column != null).toList();
    }

    /** The columns among {@code columns} with a value containing {@code text}. */
    private List<String> columnsHolding(String text, List<String> columns) {
        String pattern = "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        List<String> holding = new ArrayList<>();
        for (String column : columns) {
            String[] name = column.split("\\.");
            long count = jdbc.sql("select count(*) from \"" + name[0] + "\" where cast(\"" + name[1]
                    + "\" as varchar) like ? escape '!'").param(pattern).query(Long.class).single();
            if (count > 0) {
                holding.add(column);
            }
        }
        return holding;
    }
}
