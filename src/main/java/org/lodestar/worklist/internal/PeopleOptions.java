package org.lodestar.worklist.internal;

import java.util.List;

import org.lodestar.people.User;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The options of Today's "reassign to" list, one per user who can own work, written once and kept while the users are
 * the same: a team of hundreds of CSMs makes it the largest part of the page, and every view asks for the same list.
 * Whether it is the same is decided by the users read for the view, so a user added, renamed or disabled shows at once.
 */
@Component
class PeopleOptions {

    private record Written(List<User> people, String html) {
    }

    private volatile Written last = new Written(List.of(), "");

    /** The {@code <option>} elements, value the email and text the name, both escaped. */
    String of(List<User> people) {
        Written kept = last;
        if (kept.people().equals(people)) {
            return kept.html();
        }
        StringBuilder html = new StringBuilder(people.size() * 64);
        for (User user : people) {
            html.append("<option value=\"").append(HtmlUtils.htmlEscape(user.email())).append("\">")
                    .append(HtmlUtils.htmlEscape(user.name())).append("</option>");
        }
        last = new Written(List.copyOf(people), html.toString());
        return last.html();
    }
}
