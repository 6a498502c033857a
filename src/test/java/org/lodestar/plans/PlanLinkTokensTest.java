package org.lodestar.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * Signing and reading shared-plan tokens: link 12 of account 7, expiring at 2026-04-09T10:00:00Z
 * (1775728800 seconds since the epoch).
 */
class PlanLinkTokensTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Instant EXPIRES = Instant.parse("2026-04-09T10:00:00Z");
    private final PlanLinkTokens tokens = new PlanLinkTokens(SECRET);

    @Test
    void aTokenNamesAccountLinkAndExpiryAndReadsBackBeforeItExpires() {
        String token = tokens.sign(7, 12, EXPIRES);
        assertThat(token).startsWith("7.12.1775728800.").hasSize("7.12.1775728800.".length() + 43);
        assertThat(tokens.read(token, Instant.parse("2026-03-10T09:00:00Z")))
                .isEqualTo(new PlanLinkTokens.Valid(new PlanLinkTokens.Claims(7, 12, EXPIRES)));
        assertThat(tokens.read(token, EXPIRES.minusSeconds(1))).isInstanceOf(PlanLinkTokens.Valid.class);
    }

    @Test
    void fromItsExpiryInstantOnATokenIsExpired() {
        String token = tokens.sign(7, 12, EXPIRES);
        assertThat(tokens.read(token, EXPIRES))
                .isEqualTo(new PlanLinkTokens.Expired(new PlanLinkTokens.Claims(7, 12, EXPIRES)));
        assertThat(tokens.read(token, Instant.parse("2027-01-01T00:00:00Z"))).isInstanceOf(PlanLinkTokens.Expired.class);
    }

    @Test
    void aTamperedTokenIsNotOurs() {
        String token = tokens.sign(7, 12, EXPIRES);
        Instant before = Instant.parse("2026-03-10T09:00:00Z");
        String signature = token.substring(token.lastIndexOf('.') + 1);
        // Another link, account or a later expiry under the same signature.
        assertThat(tokens.read("7.13.1775728800." + signature, before)).isInstanceOf(PlanLinkTokens.Invalid.class);
        assertThat(tokens.read("8.12.1775728800." + signature, before)).isInstanceOf(PlanLinkTokens.Invalid.class);
        assertThat(tokens.read("7.12.1775815200." + signature, before)).isInstanceOf(PlanLinkTokens.Invalid.class);
        // One character of the signature changed.
        char last = token.charAt(token.length() - 1);
        String flipped = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(tokens.read(flipped, before)).isInstanceOf(PlanLinkTokens.Invalid.class);
        // Not a token at all.
        assertThat(tokens.read("", before)).isInstanceOf(PlanLinkTokens.Invalid.class);
        assertThat(tokens.read(null, before)).isInstanceOf(PlanLinkTokens.Invalid.class);
        assertThat(tokens.read("7.12.1775728800", before)).isInstanceOf(PlanLinkTokens.Invalid.class);
        assertThat(tokens.read(token + "x", before)).isInstanceOf(PlanLinkTokens.Invalid.class);
    }

    @Test
    void aTokenSignedWithAnotherSecretIsNotOurs() {
        String theirs = new PlanLinkTokens("fedcba9876543210fedcba9876543210").sign(7, 12, EXPIRES);
        assertThat(tokens.read(theirs, Instant.parse("2026-03-10T09:00:00Z"))).isInstanceOf(PlanLinkTokens.Invalid.class);
        // An expired token of another secret is unknown too, not "expired": its expiry cannot be trusted.
        assertThat(tokens.read(theirs, Instant.parse("2027-01-01T00:00:00Z"))).isInstanceOf(PlanLinkTokens.Invalid.class);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new PlanLinkTokens("too-short"))
                .hasMessage("lodestar.share-links.secret: expected at least 32 characters, got 9");
        assertThatThrownBy(() -> new PlanLinkTokens(null)).hasMessageContaining("got 0");
    }
}
