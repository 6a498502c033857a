package org.lodestar.people;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Re-reads a signed-in user on every UI request, so a changed role applies at once and a disabled
 * user's session ends at once instead of living on until it times out.
 */
class SessionRefresh extends OncePerRequestFilter {

    private final Users users;

    SessionRefresh(Users users) {
        this.users = users;
    }

    /** Stylesheets, scripts and icons need no fresh account: checking would cost a query per file. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/")
                || path.equals("/favicon.ico");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedIn signedIn
                && signedIn.token() == null) {
            Optional<User> current = users.find(signedIn.user().id()).filter(User::enabled);
            if (current.isEmpty()) {
                SecurityContextHolder.clearContext();
                if (request.getSession(false) != null) {
                    request.getSession(false).invalidate();
                }
            } else if (!current.get().equals(signedIn.user())) {
                SignedIn refreshed = new SignedIn(current.get(), signedIn.passwordHash(), null);
                SecurityContextHolder.getContext().setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(refreshed, null, refreshed.getAuthorities()));
            }
        }
        chain.doFilter(request, response);
    }
}
