package org.lodestar.outreach;

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
import org.lodestar.health.ConfigCheck;

/** Templates as configuration: the shipped ones are valid, and every problem names file, line and field. */
class OutreachTemplatesTest {

    @TempDir
    Path configDir;

    private static List<String> problems(String yaml) {
        try {
            TemplateReader.readAll(List.of(new ConfigFile("t.yaml", "t.yaml", yaml)));
        } catch (ConfigInvalid e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        return List.of();
    }

    @Test
    void theShippedTemplatesAreValidAndUseTheFieldsTheyAreFor() {
        List<OutreachTemplate> shipped = TemplateReader.readAll(ConfigFiles.load(null, OutreachTemplates.FOLDER));

        assertThat(shipped).extracting(OutreachTemplate::name).containsExactlyInAnyOrder("re-engagement",
                "delayed-feature-reply", "feature-announcement", "critical-bug-alert", "renewal-check-in", "feature-shipped");
        assertThat(shipped.stream().filter(t -> t.name().equals("renewal-check-in")).findFirst().orElseThrow().fields())
                .as("the renewal-risk save's email to the sponsor").contains("account.renewal_date", "contact.first_name",
                        "usage.trend_30d", "csm.name");
        OutreachTemplate alert = shipped.stream().filter(t -> t.name().equals("critical-bug-alert")).findFirst().orElseThrow();
        assertThat(alert.channel()).isEqualTo(Channel.SLACK);
        assertThat(alert.subject()).isNull();
        assertThat(alert.fields()).contains("account.name", "account.arr", "account.renewal_date", "health.score",
                "health.band", "csm.name", "vars.bug", "vars.ticket");
        OutreachTemplate reply = shipped.stream().filter(t -> t.name().equals("delayed-feature-reply")).findFirst()
                .orElseThrow();
        assertThat(reply.vars()).containsExactly("feature", "new_date");
        assertThat(shipped.stream().filter(t -> t.name().equals("re-engagement")).findFirst().orElseThrow().fields())
                .contains("usage.trend_30d", "usage.active_users_30d");
    }

    @Test
    void anUnknownMergeFieldIsReportedOnTheLineItIsWrittenOn() {
        assertThat(problems("""
                name: welcome
                channel: email
                subject: Welcome, {{account.name}}
                body: |
                  Hi {{contact.first_name}},

                  your CSM is {{csm.nmae}}.
                """)).containsExactly("t.yaml:7: body: unknown merge field '{{csm.nmae}}'; expected one of account.name, "
                + "account.domain, account.segment, account.arr, account.renewal_date, contact.name, contact.first_name, "
                + "contact.email, csm.name, csm.email, health.score, health.band, usage.active_users_30d, "
                + "usage.utilisation, usage.trend_30d, or vars.NAME (lower-case letters, digits and _)");
    }

    @Test
    void channelSubjectAndBodyAreChecked() {
        assertThat(problems("""
                name: welcome
                channel: email
                body: Hello
                """)).containsExactly("t.yaml:2: subject: is required for an email template");
        assertThat(problems("""
                name: welcome
                channel: sms
                body: Hello
                """)).containsExactly("t.yaml:2: channel: unknown channel: expected one of email, slack, got 'sms'");
        assertThat(problems("""
                name: heads-up
                channel: slack
                subject: Heads up
                body: Hello {{vars.Who}}
                """)).containsExactly(
                "t.yaml:3: subject: only email templates have a subject; a Slack alert is its body alone",
                "t.yaml:4: body: unknown merge field '{{vars.Who}}'; expected one of account.name, account.domain, "
                        + "account.segment, account.arr, account.renewal_date, contact.name, contact.first_name, "
                        + "contact.email, csm.name, csm.email, health.score, health.band, usage.active_users_30d, "
                        + "usage.utilisation, usage.trend_30d, or vars.NAME (lower-case letters, digits and _)");
        assertThat(problems("""
                name: Welcome Email
                channel: email
                subject: Hi
                from: me
                """)).containsExactly(
                "t.yaml:4: from: unknown field; expected one of name, description, channel, subject, body",
                "t.yaml:1: name: expected lower-case letters, digits and dashes (up to 60), got 'Welcome Email'",
                "t.yaml:1: body: is required");
        assertThat(problems("""
                name: welcome
                channel: email
                subject: Hi
                body: |
                  Hello {{contact.name},
                  thanks.
                """)).containsExactly("t.yaml:5: body: '{{' without its other half in \"Hello {{contact.name},\"; "
                + "merge fields are written {{account.name}}");
    }

    @Test
    void aFileInTheDataFolderReplacesTheShippedOneOfItsNameAndOthersAreAdded() throws IOException {
        Path templates = Files.createDirectories(configDir.resolve("templates"));
        Files.writeString(templates.resolve("feature-announcement.yaml"), """
                name: feature-announcement
                channel: email
                subject: "New: {{vars.feature}}"
                body: Hi {{contact.first_name}}, {{vars.feature}} is live.
                """);
        Files.writeString(templates.resolve("renewal-thanks.yaml"), """
                name: renewal-thanks
                description: Thank a customer for renewing
                channel: email
                subject: Thank you, {{account.name}}
                body: Thank you for renewing.
                """);

        OutreachTemplates configured = new OutreachTemplates(configDir);

        assertThat(configured.names()).containsExactly("critical-bug-alert", "delayed-feature-reply",
                "feature-announcement", "feature-shipped", "re-engagement", "renewal-check-in", "renewal-thanks");
        assertThat(configured.exists("renewal-thanks")).isTrue();
        assertThat(configured.exists("renewal")).isFalse();
        assertThat(configured.find("feature-announcement").orElseThrow().subject()).isEqualTo("New: {{vars.feature}}");
    }

    @Test
    void theConfigCheckListsTheTemplatesAndEveryProblemWithoutStartingLodestar() throws IOException {
        Path templates = Files.createDirectories(configDir.resolve("templates"));
        Path broken = templates.resolve("broken.yaml");
        Files.writeString(broken, """
                name: re-engagement
                channel: email
                subject: Hi {{account.name}}
                body: Hello
                """);

        ConfigCheck.Outcome outcome = OutreachTemplates.check(configDir);

        assertThat(outcome.problems()).extracting(ConfigProblem::toString).containsExactly(broken + ": name: another file "
                + "(shipped:templates/re-engagement.yaml) already has the template name 're-engagement'");
        assertThat(outcome.checked()).isEmpty();
        assertThatThrownBy(() -> new OutreachTemplates(configDir)).isInstanceOf(ConfigInvalid.class)
                .hasMessageContaining("already has the template name 're-engagement'");

        Files.delete(broken);
        assertThat(OutreachTemplates.check(configDir).checked()).hasSize(6)
                .contains("outreach template critical-bug-alert (shipped:templates/critical-bug-alert.yaml, slack, 9 merge fields)");
    }
}
