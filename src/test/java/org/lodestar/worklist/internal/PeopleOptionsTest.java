package org.lodestar.worklist.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lodestar.people.Role;
import org.lodestar.people.User;

class PeopleOptionsTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void eachPersonIsAnOptionWithTheirEmailAndNameEscaped() {
        String html = new PeopleOptions().of(List.of(
                new User(1, "maya@lodestar.test", "Maya Chen", Role.CSM, true, CREATED),
                new User(2, "o\"brien@lodestar.test", "<b>O'Brien</b> & Co", Role.LEADER, true, CREATED)));
        assertThat(html).isEqualTo("<option value=\"maya@lodestar.test\">Maya Chen</option>"
                + "<option value=\"o&quot;brien@lodestar.test\">&lt;b&gt;O&#39;Brien&lt;/b&gt; &amp; Co</option>");
    }

    @Test
    void theListIsWrittenAgainWhenAnyoneInItChanges() {
        PeopleOptions options = new PeopleOptions();
        User maya = new User(1, "maya@lodestar.test", "Maya Chen", Role.CSM, true, CREATED);
        assertThat(options.of(List.of(maya))).contains(">Maya Chen<");
        assertThat(options.of(List.of(new User(1, "maya@lodestar.test", "Maya Okafor", Role.CSM, true, CREATED))))
                .as("renamed").contains(">Maya Okafor<").doesNotContain("Chen");
        assertThat(options.of(List.of())).as("nobody left").isEmpty();
        assertThat(options.of(List.of(maya))).as("and back").contains(">Maya Chen<");
    }
}
