package org.lodestar.people;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sign-in form, throttled: a sign-in past the limit is turned away before the password is
 * checked, with how long to wait; failures and successes are counted by {@link SignInThrottle}.
 */
class ThrottledSignIn extends OncePerRequestFilter implements AuthenticationFailureHandler,
        AuthenticationSuccessHandler {

    private static final Logger log = LoggerFactory.getLogger(ThrottledSignIn.class);

    private final SignInThrottle throttle;
    private final SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();

    ThrottledSignIn(SignInThrottle throttle) {
        this.throttle = throttle;
        success.setDefaultTargetUrl("/");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String email = request.getParameter("username");
        Optional<Duration> wait = throttle.signInWait(email, request.getRemoteAddr());
        if (wait.isPresent()) {
            log.info("Sign-in as {} from {} turned away for {}", email, request.getRemoteAddr(),
                    SignInThrottle.describe(wait.get()));
            response.sendRedirect(request.getContextPath() + "/login?throttled=" + wait.get().toSeconds());
            return;
        }
        chain.doFilter(request, response);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        throttle.signInFailed(request.getParameter("username"), request.getRemoteAddr());
        response.sendRedirect(request.getContextPath() + "/login?error");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, ServletException {
        throttle.signedIn(authentication.getName());
        success.onAuthenticationSuccess(request, response, authentication);
    }
}
