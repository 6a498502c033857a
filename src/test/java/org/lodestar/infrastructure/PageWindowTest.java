package org.lodestar.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which rows a page of a list shows, and how a page's parameters are read leniently, counted by hand. */
class PageWindowTest {

    @Test
    void pagesOfFiftyOverSixtyOneRows() {
        PageWindow first = PageWindow.of(1, 50, 61);
        assertThat(List.of(first.page(), first.pages(), first.offset(), first.first(), first.last()))
                .containsExactly(1, 2, 0L, 1L, 50L);
        assertThat(first.hasPrevious()).isFalse();
        assertThat(first.hasNext()).isTrue();

        PageWindow second = PageWindow.of(2, 50, 61);
        assertThat(List.of(second.offset(), second.first(), second.last())).containsExactly(50L, 51L, 61L);
        assertThat(second.hasNext()).isFalse();
        assertThat(PageWindow.of(7, 50, 61).page()).as("past the end: the last page").isEqualTo(2);
        assertThat(PageWindow.of(Integer.MAX_VALUE, 50, 100).offset()).isEqualTo(50);
    }

    @Test
    void noRowsIsOneEmptyPage() {
        PageWindow none = PageWindow.of(3, 50, 0);
        assertThat(List.of(none.page(), none.pages(), none.first(), none.last())).containsExactly(1, 1, 0L, 0L);
    }

    @Test
    void aValueThePageDoesNotKnowIsLeftOutAndNamed() {
        PageParameters read = new PageParameters();
        enum Colour { RED, DARK_BLUE }

        assertThat(read.choice("colour", Colour.class, "dark_blue", "every colour")).isEqualTo(Colour.DARK_BLUE);
        assertThat(read.choice("colour", Colour.class, " ", "every colour")).isNull();
        assertThat(read.choice("colour", Colour.class, "green", "every colour")).isNull();
        assertThat(read.page("2")).isEqualTo(2);
        assertThat(read.page("0")).isEqualTo(1);
        assertThat(read.flag("open", "on")).isTrue();
        assertThat(read.flag("open", "perhaps")).isFalse();
        assertThat(read.oneOf("days", "45", List.of(30, 90), 90, "the last 90 days")).isEqualTo(90);
        assertThat(read.oneOf("days", "30", List.of(30, 90), 90, "the last 90 days")).isEqualTo(30);
        assertThat(read.notices()).containsExactly("colour: expected one of red, dark-blue, got 'green'; showing every colour",
                "page: expected a whole number from 1, got '0'; showing page 1",
                "open: expected true or false, got 'perhaps'; showing it off",
                "days: expected one of 30, 90, got '45'; showing the last 90 days");
    }
}
