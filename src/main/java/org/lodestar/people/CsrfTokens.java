package org.lodestar.people;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CSRF protection shared by the UI and the API signed in by session. The token lives in a cookie scripts may read
 * ({@code XSRF-TOKEN}), so the API explorer (Swagger UI) sends it back as {@code X-XSRF-TOKEN} as it is; the
 * pages' forms and htmx send the masked copy they were rendered with. Either is accepted.
 */
final class CsrfTokens implements CsrfTokenRequestHandler {

    static final CsrfTokenRepository REPOSITORY = CookieCsrfTokenRepository.withHttpOnlyFalse();

    /**
     * The API's changes that a session could authorize. A bearer token is never sent by a browser on its own, and a
     * request without a session cookie is no one's: neither needs a CSRF token (the latter is answered 401).
     */
    static final RequestMatcher SESSION_CHANGES = request -> switch (request.getMethod()) {
        case "GET", "HEAD", "OPTIONS", "TRACE" -> false;
        default -> {
            String authorization = request.getHeader("Authorization");
            yield request.getRequestedSessionId() != null
                    && (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7));
        }
    };

    private final XorCsrfTokenRequestAttributeHandler masked = new XorCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
        masked.handle(request, response, token);
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
        String unmasked = masked.resolveCsrfTokenValue(request, token);
        if (unmasked != null) {
            return unmasked;
        }
        String header = request.getHeader(token.getHeaderName());
        return header != null ? header : request.getParameter(token.getParameterName());
    }

    /** Issues the token cookie on opening the API explorer, which renders no page that would issue it. */
    static final class IssueOnExplorer extends OncePerRequestFilter {

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !request.getRequestURI().startsWith(request.getContextPath() + "/swagger-ui/");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
