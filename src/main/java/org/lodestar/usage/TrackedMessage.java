package org.lodestar.usage;

import java.time.Instant;

/**
 * One Segment call as Lodestar keeps it. {@code userKey} is the user id, or {@code anonymous:} and the
 * anonymous id when there is no user id; {@code groupId} is the group call's group or the
 * {@code context.groupId} of any other call; {@code payload} is the call as received, with the batch's
 * context merged in.
 */
public record TrackedMessage(String type, String messageId, String event, String module, String userKey,
        String groupId, Instant occurredAt, String traits, String payload) {

    /** Calls that are someone using the product (identify, group and alias only describe people). */
    public boolean isActivity() {
        return "track".equals(type) || "page".equals(type) || "screen".equals(type);
    }

    /** Calls that tie the user to an account: group calls, or any call naming the group in its context. */
    public boolean tiesUserToGroup() {
        return groupId != null && ("group".equals(type) || "identify".equals(type));
    }
}
