package org.lodestar.accounts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Segments as ACV bands, highest first: an account belongs to the first band whose minimum its ARR
 * reaches. Each band names the coverage model new accounts in it get unless told otherwise.
 * Configured under {@code lodestar.segments.bands}; checked at start-up.
 */
@ConfigurationProperties("lodestar.segments")
public class SegmentBands {

    public record Band(String name, BigDecimal minArr, CoverageModel coverage) {
    }

    private List<Band> bands = List.of(
            new Band("enterprise", new BigDecimal("100000"), CoverageModel.HIGH_TOUCH),
            new Band("mid-market", new BigDecimal("25000"), CoverageModel.TECH_TOUCH),
            new Band("smb", BigDecimal.ZERO, CoverageModel.DIGITAL));

    public List<Band> getBands() {
        return bands;
    }

    public void setBands(List<Band> bands) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
            Band band = bands.get(i);
            String where = "lodestar.segments.bands[" + i + "]";
            if (band.name() == null || band.name().isBlank()) {
                problems.add(where + ".name: must not be empty");
            }
            if (band.minArr() == null || band.minArr().signum() < 0) {
                problems.add(where + ".min-arr: expected an amount of 0 or more");
            } else if (i > 0 && bands.get(i - 1).minArr() != null && band.minArr().compareTo(bands.get(i - 1).minArr()) >= 0) {
                problems.add(where + ".min-arr: bands must be listed from the highest minimum down");
            }
            if (band.coverage() == null) {
                problems.add(where + ".coverage: expected one of high-touch, tech-touch, digital");
            }
        }
        if (bands.isEmpty() || bands.getLast().minArr() == null || bands.getLast().minArr().signum() != 0) {
            problems.add("lodestar.segments.bands: the last band must have min-arr 0 so every account has a segment");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid segment configuration: " + String.join("; ", problems));
        }
        this.bands = List.copyOf(bands);
    }

    public Band bandFor(BigDecimal arr) {
        for (Band band : bands) {
            if (arr.compareTo(band.minArr()) >= 0) {
                return band;
            }
        }
        return bands.getLast();
    }

    public List<String> names() {
        return bands.stream().map(Band::name).toList();
    }
}
