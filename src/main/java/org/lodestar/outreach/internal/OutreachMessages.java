package org.lodestar.outreach.internal;

import org.lodestar.outreach.Channel;
import org.lodestar.outreach.OutreachMessage;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The record of messages sent and blocked. */
@Component
public class OutreachMessages {

    private static final RowMapper<OutreachMessage> ROW = (rs, n) -> {
        long contact = rs.getLong("contact_id");
        return new OutreachMessage(rs.getLong("id"), rs.getLong("account_id"), rs.wasNull() ? null : contact,
                rs.getString("template"), Channel.valueOf(rs.getString("channel")), rs.getString("recipient"),
                rs.getString("subject"), rs.getString("body"), OutreachMessage.Status.valueOf(rs.getString("status")),
                rs.getString("reason"), rs.getString("actor"), rs.getTimestamp("created_at").toInstant());
    };

    private final JdbcClient jdbc;

    OutreachMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public OutreachMessage insert(long accountId, Long contactId, String template, Channel channel, String recipient,
            String subject, String body, OutreachMessage.Status status, String reason, String actor, Instant at) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into outreach_message (account_id, contact_id, template, channel, recipient, subject, body,
                                              status, reason, actor, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(accountId, contactId, template, channel.name(), recipient, subject, body, status.name(),
                        reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 999) + "…", actor,
                        Timestamp.from(at))
                .update(key, "id");
        return jdbc.sql("select * from outreach_message where id = ?").param(key.getKey().longValue()).query(ROW).single();
    }

    /** Every message of every account, by account, each account's oldest first. */
    public List<OutreachMessage> all() {
        return jdbc.sql("select * from outreach_message order by account_id, created_at, id").query(ROW).list();
    }

    /** How many messages the account has from this template, on this channel, to this recipient, at this instant. */
    public long count(long accountId, String template, Channel channel, String recipient, Instant at) {
        return jdbc.sql("select count(*) from outreach_message where account_id = ? and template = ? and channel = ? "
                + "and coalesce(recipient, '') = ? and created_at = ?")
                .params(accountId, template, channel.name(), recipient == null ? "" : recipient, Timestamp.from(at))
                .query(Long.class).single();
    }

    /** When this template last went to this recipient of the account (case aside), if it ever did. */
    public Optional<Instant> lastSent(long accountId, String template, String recipient) {
        return jdbc.sql("select created_at from outreach_message where account_id = ? and template = ? "
                + "and lower(recipient) = lower(?) and status = ? order by created_at desc limit 1")
                .params(accountId, template, recipient, OutreachMessage.Status.SENT.name()).query(Timestamp.class)
                .optional().map(Timestamp::toInstant);
    }

    /** The account's messages, newest first. */
    public List<OutreachMessage> forAccount(long accountId, int limit) {
        return jdbc.sql("select * from outreach_message where account_id = ? order by created_at desc, id desc limit ?")
                .params(accountId, Math.max(1, Math.min(limit, 1000))).query(ROW).list();
    }
}
