package org.lodestar.outreach;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lodestar.errors.Refused;

/**
 * A message that was not sent for a reason the sender can act on: the wrong-customer guard stopped it,
 * a merge field it uses has no value, or a channel is not set up. Answered as 422.
 */
public class OutreachRefused extends Refused {

    private final List<String> fields;
    private final boolean blocked;

    OutreachRefused(String reason, List<String> fields, boolean blocked) {
        super(reason);
        this.fields = List.copyOf(fields);
        this.blocked = blocked;
    }

    /** The merge fields without a value, when that is the reason. */
    public List<String> fields() {
        return fields;
    }

    /** True when the wrong-customer guard stopped it (and the attempt was recorded). */
    public boolean blocked() {
        return blocked;
    }

    @Override
    public String title() {
        return blocked ? "Message blocked" : "Message not sent";
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("blocked", blocked);
        if (!fields.isEmpty()) {
            details.put("fields", fields);
        }
        return details;
    }
}
