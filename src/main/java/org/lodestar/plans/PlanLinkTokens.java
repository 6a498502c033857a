package org.lodestar.plans;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tokens of links to a shared plan: {@code account.link.expiry.signature}, the signature an HMAC-SHA256 of the
 * rest under the server's secret. Nothing secret is stored: a token is checked by signing again. Pure: no clock, no
 * database; the caller says when "now" is.
 */
final class PlanLinkTokens {

    /** Shorter secrets are refused: a guessable key would let anyone sign a link. */
    static final int SHORTEST_SECRET = 32;
    private static final Pattern SHAPE = Pattern.compile("(\\d{1,18})\\.(\\d{1,18})\\.(\\d{1,12})\\.([A-Za-z0-9_-]{43})");

    private final byte[] secret;

    PlanLinkTokens(String secret) {
        if (secret == null || secret.length() < SHORTEST_SECRET) {
            throw new IllegalArgumentException("lodestar.share-links.secret: expected at least " + SHORTEST_SECRET
                    + " characters, got " + (secret == null ? 0 : secret.length()));
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** What a token says once its signature holds. */
    record Claims(long accountId, long linkId, Instant expiresAt) {
    }

    /** What a token turned out to be at an instant: good, good but past its expiry, or not one of ours. */
    sealed interface Reading {
    }

    record Valid(Claims claims) implements Reading {
    }

    record Expired(Claims claims) implements Reading {
    }

    record Invalid() implements Reading {
    }

    String sign(long accountId, long linkId, Instant expiresAt) {
        String payload = accountId + "." + linkId + "." + expiresAt.getEpochSecond();
        return payload + "." + signature(payload);
    }

    /** Reads a token at {@code now}; a link is good up to, not including, its expiry instant. */
    Reading read(String token, Instant now) {
        Matcher m = token == null ? null : SHAPE.matcher(token);
        if (m == null || !m.matches()) {
            return new Invalid();
        }
        String payload = m.group(1) + "." + m.group(2) + "." + m.group(3);
        if (!MessageDigest.isEqual(signature(payload).getBytes(StandardCharsets.US_ASCII),
                m.group(4).getBytes(StandardCharsets.US_ASCII))) {
            return new Invalid();
        }
        Claims claims = new Claims(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                Instant.ofEpochSecond(Long.parseLong(m.group(3))));
        return now.isBefore(claims.expiresAt()) ? new Valid(claims) : new Expired(claims);
    }

    private String signature(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal(("plan-link:" + payload).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
