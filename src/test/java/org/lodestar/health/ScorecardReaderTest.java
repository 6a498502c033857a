package org.lodestar.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestar.config.ConfigFile;
import org.lodestar.config.ConfigFiles;
import org.lodestar.config.ConfigInvalid;
import org.lodestar.config.ConfigProblem;

class ScorecardReaderTest {

    private final ScorecardReader reader = new ScorecardReader(List.of("enterprise", "mid-market", "smb"));

    private static ConfigFile file(String name, String text) {
        return new ConfigFile(name, name, text);
    }

    private List<ConfigProblem> problems(ConfigFile... files) {
        try {
            reader.readAll(List.of(files));
        } catch (ConfigInvalid e) {
            return e.problems();
        }
        throw new AssertionError("expected the configuration to be refused");
    }

    private static final String GOOD = """
            name: standard
            version: "3"
            measures:
              - key: tickets
                input: open-tickets
                weight: 10
                score:
                  linear: [[0, 60], [1, 100], [3, 100], [8, 0]]
                missing: neutral 40
              - key: nps
                input: nps
                window: 90d
                weight: 5
                score:
                  thresholds:
                    - { below: 7, score: 20 }
                    - { below: 9, score: 70 }
                  otherwise: 100
                missing: carry-last 180d
            """;

    @Test
    void readsAScorecard() {
        ScorecardDefinition card = reader.readAll(List.of(file("standard.yaml", GOOD))).all().getFirst();
        assertThat(card.name()).isEqualTo("standard");
        assertThat(card.version()).isEqualTo("3");
        assertThat(card.bands()).isEqualTo(Bands.CLASSIC);
        assertThat(card.measures()).hasSize(2);
        MeasureDefinition tickets = card.measures().get(0);
        assertThat(tickets.input()).isEqualTo(MeasureInput.OPEN_TICKETS);
        assertThat(tickets.group()).isEqualTo(MeasureGroup.SUPPORT);
        assertThat(tickets.missing()).isEqualTo(new MissingDataPolicy.Neutral(new java.math.BigDecimal("40")));
        assertThat(tickets.function().score(java.math.BigDecimal.ZERO)).isEqualByComparingTo("60");
        MeasureDefinition nps = card.measures().get(1);
        assertThat(nps.windowDays()).isEqualTo(90);
        assertThat(nps.missing()).isEqualTo(new MissingDataPolicy.CarryLast(180));
        assertThat(nps.function().score(new java.math.BigDecimal("8"))).isEqualByComparingTo("70");
    }

    @Test
    void theShippedConfigurationIsValid() {
        Scorecards shipped = reader.readAll(ConfigFiles.load(null, "scorecards"));
        assertThat(shipped.all()).extracting(ScorecardDefinition::name).containsExactlyInAnyOrder("standard", "smb", "onboarding");
        assertThat(shipped.select("enterprise", "mature").name()).isEqualTo("standard");
        assertThat(ConfigFiles.load(null, "scorecard-candidates")).extracting(reader::readOne)
                .extracting(ScorecardDefinition::version).contains("usage-only");
    }

    @Test
    void eachProblemNamesFileLineAndField() {
        String bad = """
                name: Standard Card
                version: 1
                colour: blue
                bands: { red: 80, yellow: 70 }
                measures:
                  - key: usage
                    input: logins
                    weight: 10
                    score: { linear: [[0, 0]] }
                    missing: exclude
                  - key: tickets
                    input: open-tickets
                    window: 30d
                    weight: -1
                    score:
                      linear: [[5, 0], [2, 100]]
                    missing: ignore
                  - key: nps
                    input: nps
                    weight: 5
                    score: { thresholds: [ { below: 7, score: 120 } ], otherwise: 100 }
                    missing: neutral
                """;
        assertThat(problems(file("bad.yaml", bad))).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                "bad.yaml:1: name: expected lower-case letters, digits and dashes (up to 60), got 'Standard Card'",
                "bad.yaml:3: colour: unknown field; expected one of name, version, description, applies-to, bands, minimum-data, "
                        + "measures, critical",
                "bad.yaml:4: bands.yellow: must be at least red (80): scores below red are red, below yellow are yellow",
                "bad.yaml:7: measures[0].input: unknown input: expected one of active-days, events, active-users, usage-trend, "
                        + "licence-utilisation, adoption-depth, features-used, nps, csat, sponsor-present, champion-present, "
                        + "sponsor-gone-days, days-since-engagement, open-tickets, urgent-open-tickets, tickets-opened, oldest-open-ticket-days, "
                        + "days-overdue, got 'logins'",
                "bad.yaml:9: measures[0].score.linear: needs at least two points, got 1",
                "bad.yaml:13: measures[1].window: open-tickets is a state on the date and takes no window",
                "bad.yaml:14: measures[1].weight: expected a number from 0 to 1000000000, got -1",
                "bad.yaml:16: measures[1].score.linear[1][0]: values must increase from point to point, got 2 after 5",
                "bad.yaml:17: measures[1].missing: expected exclude, neutral [score], penalty [score] or carry-last [days]d, got 'ignore'",
                "bad.yaml:18: measures[2].window: is required",
                "bad.yaml:21: measures[2].score.thresholds[0].score: expected a number from 0 to 100, got 120",
                "bad.yaml:21: measures[2].score.thresholds: needs at least one step");
    }

    @Test
    void aLinearFunctionWithEnoughPointsIsBlamedForTheBadPointsOnly() {
        String bad = GOOD.replace("linear: [[0, 60], [1, 100], [3, 100], [8, 0]]", "linear: [[0, 60], [0, 100], [eight, 0]]");
        assertThat(problems(file("bad.yaml", bad))).extracting(ConfigProblem::toString).containsExactly(
                "bad.yaml:8: measures[0].score.linear[1][0]: values must increase from point to point, got 0 after 0",
                "bad.yaml:8: measures[0].score.linear[2][0]: expected a number, got 'eight'");
        String notPairs = GOOD.replace("linear: [[0, 60], [1, 100], [3, 100], [8, 0]]", "linear: [[0, 60], [1], [3, 100]]");
        assertThat(problems(file("bad.yaml", notPairs))).extracting(ConfigProblem::toString).containsExactly(
                "bad.yaml:8: measures[0].score.linear[1]: expected a point [value, score], e.g. [10, 80]");
    }

    @Test
    void aUserFileTakingAShippedScorecardNameIsBlamedWithTheWayToReplaceIt() {
        ConfigFile shipped = new ConfigFile("standard.yaml", "shipped:scorecards/standard.yaml", GOOD);
        // Sorted by file name, the user's file comes before the shipped one it collides with.
        ConfigFile mine = new ConfigFile("my-standard.yaml", "/data/config/scorecards/my-standard.yaml",
                "description: my copy\n" + GOOD.replace("name: standard", "name: standard\napplies-to: { segments: [smb] }"));
        assertThat(problems(mine, shipped)).extracting(ConfigProblem::toString).containsExactly(
                "/data/config/scorecards/my-standard.yaml:2: name: another file already has the scorecard name 'standard' "
                        + "(shipped:scorecards/standard.yaml); to replace that scorecard, name this file standard.yaml");
    }

    @Test
    void aUserFileOfTheShippedFileNameReplacesTheShippedScorecard(@TempDir Path configDir) throws IOException {
        Files.createDirectories(configDir.resolve("scorecards"));
        Files.writeString(configDir.resolve("scorecards/standard.yaml"), GOOD.replace("version: \"3\"", "version: mine"));
        Scorecards scorecards = reader.readAll(ConfigFiles.load(configDir, "scorecards"));
        assertThat(scorecards.all()).filteredOn(s -> s.name().equals("standard")).singleElement()
                .satisfies(s -> assertThat(s.version()).isEqualTo("mine"));
    }

    @Test
    void twoUserFilesWithOneNameBlameTheLaterOne() {
        ConfigFile shipped = new ConfigFile("standard.yaml", "shipped:scorecards/standard.yaml", GOOD);
        ConfigFile first = new ConfigFile("a.yaml", "/data/config/scorecards/a.yaml",
                GOOD.replace("name: standard", "name: smb\napplies-to: { segments: [smb] }"));
        ConfigFile second = new ConfigFile("b.yaml", "/data/config/scorecards/b.yaml",
                "description: another smb\n" + GOOD.replace("name: standard", "name: smb\napplies-to: { segments: [enterprise] }"));
        assertThat(problems(first, second, shipped)).extracting(ConfigProblem::toString).containsExactly(
                "/data/config/scorecards/b.yaml:2: name: another file already has the scorecard name 'smb' "
                        + "(/data/config/scorecards/a.yaml)");
    }

    @Test
    void syntaxErrorsSayWhere() {
        assertThat(problems(file("broken.yaml", "name: a\nmeasures: [\n  - key: x\n")))
                .singleElement().satisfies(p -> {
                    assertThat(p.file()).isEqualTo("broken.yaml");
                    assertThat(p.line()).isGreaterThan(1);
                    assertThat(p.message()).startsWith("is not valid YAML");
                });
    }

    @Test
    void twoScorecardsMayNotClaimTheSameAccountsAndOneMustBeTheDefault() {
        String smbA = GOOD.replace("name: standard", "name: smb-a\napplies-to: { segments: [smb, mid-market] }");
        String smbB = GOOD.replace("name: standard", "name: smb-b\napplies-to: { segments: [smb] }");
        assertThat(problems(file("a.yaml", smbA), file("b.yaml", smbB))).extracting(ConfigProblem::toString).containsExactly(
                "b.yaml: applies-to: claims the same accounts as a.yaml (segment smb); make one of them more specific",
                "scorecards: applies-to: no scorecard is the default (one without applies-to), so some accounts would have none");
        String unknown = GOOD.replace("name: standard", "name: x\napplies-to: { segments: [startup], stages: [teen] }");
        assertThat(problems(file("x.yaml", unknown))).extracting(ConfigProblem::toString).containsExactly(
                "x.yaml:2: applies-to.segments[0]: unknown segment 'startup'; expected one of enterprise, mid-market, smb",
                "x.yaml:2: applies-to.stages[0]: unknown lifecycle stage: expected one of onboarding, adoption, mature, "
                        + "renewal-window, churned, got 'teen'");
    }

    @Test
    void aCandidateIsCheckedOnItsOwn() {
        assertThatThrownBy(() -> reader.readOne(file("c.yaml", "name: c\nversion: 1\n")))
                .isInstanceOf(ConfigInvalid.class).hasMessageContaining("c.yaml:1: measures: is required");
    }
}
