package org.lodestar.people.internal;

import java.io.IOException;
import java.util.Map;

import org.lodestar.people.SignedIn;
import org.lodestar.people.SingleSignOn;
import org.lodestar.people.User;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * OpenID Connect single sign-on for the UI, on when {@code lodestar.sso.issuer-uri} names an
 * identity provider: the provider is discovered from its issuer URL (on first use, so Lodestar
 * starts while it is down), the user is found or created by {@link SingleSignOn}, and the session
 * then holds the same {@link SignedIn} as a password sign-in.
 */
@Configuration
@ConditionalOnWebApplication
@ConditionalOnExpression("!'${lodestar.sso.issuer-uri:}'.isBlank()")
public class SsoConfiguration {

    static final String REGISTRATION = "oidc";

    /** The identity provider's answer, and who it signs in. */
    static final class SsoUser extends DefaultOidcUser {
        private final transient User user;

        SsoUser(User user, OidcUser oidc) {
            super(oidc.getAuthorities(), oidc.getIdToken(), oidc.getUserInfo(), IdTokenClaimNames.SUB);
            this.user = user;
        }

        User user() {
            return user;
        }
    }

    @Bean
    ClientRegistrationRepository clientRegistrations(SingleSignOn sso,
            @Value("${lodestar.sso.client-id:}") String clientId,
            @Value("${lodestar.sso.client-secret:}") String clientSecret,
            @Value("${lodestar.sso.scopes:openid,profile,email}") String[] scopes) {
        if (clientId.isBlank()) {
            throw new IllegalStateException("lodestar.sso.client-id (LODESTAR_SSO_CLIENT_ID) is required when "
                    + "lodestar.sso.issuer-uri is set: the client id Lodestar is registered under at " + sso.issuer());
        }
        return new ClientRegistrationRepository() {
            private volatile ClientRegistration registration;

            @Override
            public ClientRegistration findByRegistrationId(String id) {
                if (!REGISTRATION.equals(id)) {
                    return null;
                }
                if (registration == null) {
                    try {
                        registration = ClientRegistrations.fromIssuerLocation(sso.issuer())
                                .registrationId(REGISTRATION).clientId(clientId.trim()).clientSecret(clientSecret)
                                .scope(scopes).clientName(sso.label()).build();
                    } catch (RuntimeException e) {
                        // Not cached: the next sign-in tries again.
                        throw new IllegalStateException("the identity provider at " + sso.issuer() + " could not be "
                                + "reached or did not describe itself (" + sso.issuer()
                                + "/.well-known/openid-configuration); try again in a moment, or tell your administrator",
                                e);
                    }
                }
                return registration;
            }
        };
    }

    @Bean
    OAuth2UserService<OidcUserRequest, OidcUser> ssoUsers(SingleSignOn sso) {
        OidcUserService provider = new OidcUserService();
        return request -> {
            OidcUser oidc = provider.loadUser(request);
            try {
                return new SsoUser(sso.signIn(Map.copyOf(oidc.getClaims())), oidc);
            } catch (SingleSignOn.Refused e) {
                throw new OAuth2AuthenticationException(new OAuth2Error("access_denied"), e.getMessage());
            }
        };
    }

    /** After the provider vouches: the session holds the Lodestar user, as after a password sign-in. */
    @Bean
    AuthenticationSuccessHandler ssoSignedIn() {
        SavedRequestAwareAuthenticationSuccessHandler next = new SavedRequestAwareAuthenticationSuccessHandler();
        next.setDefaultTargetUrl("/");
        HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
        return new AuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                    Authentication authentication) throws IOException, ServletException {
                SsoUser sso = (SsoUser) authentication.getPrincipal();
                SignedIn signedIn = new SignedIn(sso.user(), null, null);
                Authentication lodestar = UsernamePasswordAuthenticationToken.authenticated(signedIn, null,
                        signedIn.getAuthorities());
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(lodestar);
                SecurityContextHolder.setContext(context);
                sessions.saveContext(context, request, response);
                next.onAuthenticationSuccess(request, response, lodestar);
            }
        };
    }
}
