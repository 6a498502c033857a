package org.lodestar.people;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.lodestar.web.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code Authorization: Bearer <token>}; a bad token is refused at once, never ignored. */
class BearerTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final Users users;
    private final SignInThrottle throttle;

    BearerTokenFilter(ApiTokens tokens, Users users, SignInThrottle throttle) {
        this.tokens = tokens;
        this.users = users;
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Duration> wait = throttle.tokenWait(request.getRemoteAddr());
        if (wait.isPresent()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
            ProblemResponses.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many unknown, expired or revoked "
                    + "bearer tokens from your address; try again in " + SignInThrottle.describe(wait.get()),
                    request.getRequestURI());
            return;
        }
        Optional<SignedIn> signedIn = tokens.authenticate(header.substring(7).trim())
                .flatMap(token -> users.find(token.userId()).filter(User::enabled)
                        .map(user -> new SignedIn(user, null, token)));
        if (signedIn.isEmpty()) {
            throttle.tokenFailed(request.getRemoteAddr());
            ProblemResponses.write(response, HttpStatus.UNAUTHORIZED,
                    "The bearer token is unknown, expired or revoked", request.getRequestURI());
            return;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(signedIn.get(), null,
                signedIn.get().getAuthorities());
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
