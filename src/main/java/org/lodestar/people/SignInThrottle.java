package org.lodestar.people;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows guessing (PRODUCT §9): failed sign-ins are counted per account and per client address,
 * failed bearer tokens per address. Past the limit, tries are refused with how long to wait, and
 * the moment a limit is reached is logged. Counts live in this node's memory: behind a load balancer
 * each node counts on its own, which still bounds a guesser to nodes × limit tries a window.
 */
@Component
public class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    private final FailedAttempts accounts;
    private final FailedAttempts addresses;
    private final FailedAttempts tokenAddresses;
    private final Clock clock;

    SignInThrottle(Clock clock,
            @Value("${lodestar.security.throttle.window:15m}") Duration window,
            @Value("${lodestar.security.throttle.account-failures:5}") int accountFailures,
            @Value("${lodestar.security.throttle.address-failures:20}") int addressFailures,
            @Value("${lodestar.security.throttle.token-failures:20}") int tokenFailures) {
        this.clock = clock;
        this.accounts = new FailedAttempts(accountFailures, window);
        this.addresses = new FailedAttempts(addressFailures, window);
        this.tokenAddresses = new FailedAttempts(tokenFailures, window);
    }

    /** How long a sign-in as {@code email} from {@code address} must wait, if it must. */
    public Optional<Duration> signInWait(String email, String address) {
        return Stream.of(accounts.waitFor(normal(email), clock.instant()), addresses.waitFor(address, clock.instant()))
                .flatMap(Optional::stream).max(Comparator.naturalOrder());
    }

    public void signInFailed(String email, String address) {
        if (accounts.fail(normal(email), clock.instant())) {
            log.warn("Sign-in throttled: {} failed sign-ins for {} within {}; the latest from {}", accounts.limit(),
                    normal(email), accounts.window(), address);
        }
        if (addresses.fail(address, clock.instant())) {
            log.warn("Sign-in throttled: {} failed sign-ins from {} within {}", addresses.limit(), address,
                    addresses.window());
        }
    }

    public void signedIn(String email) {
        accounts.forget(normal(email));
    }

    /** How long bearer tokens from {@code address} must wait, if they must. */
    Optional<Duration> tokenWait(String address) {
        return tokenAddresses.waitFor(address, clock.instant());
    }

    void tokenFailed(String address) {
        if (tokenAddresses.fail(address, clock.instant())) {
            log.warn("API throttled: {} unknown, expired or revoked bearer tokens from {} within {}",
                    tokenAddresses.limit(), address, tokenAddresses.window());
        }
    }

    /** A wait as people read it: "3 minutes", "40 seconds". */
    public static String describe(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds());
        return seconds >= 90 ? ((seconds + 59) / 60) + " minutes" : seconds + " seconds";
    }

    private static String normal(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
