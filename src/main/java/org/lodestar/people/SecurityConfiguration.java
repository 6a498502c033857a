package org.lodestar.people;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.POST;

import org.lodestar.web.ProblemResponses;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * Ways in: bearer tokens for the API (no CSRF: a browser never sends one on its own), or the UI's session on the API
 * too (CSRF on, see {@link CsrfTokens}: the API explorer uses it); for the UI (session, CSRF on) the sign-in form,
 * unless switched off, and OpenID Connect single sign-on when configured. Sign-ins and bad tokens are throttled ({@link SignInThrottle}). Reading needs READ, any change WRITE, people MANAGE_USERS.
 */
@Configuration
@ConditionalOnWebApplication
class SecurityConfiguration {

    private static final String READ = Permission.READ.authority();
    private static final String WRITE = Permission.WRITE.authority();
    private static final String CONFIGURE = Permission.CONFIGURE.authority();
    private static final String MANAGE_USERS = Permission.MANAGE_USERS.authority();
    private static final String METRICS = Permission.METRICS.authority();

    @Bean
    UserDetailsService userDetailsService(Users users) {
        return email -> users.findByEmail(email)
                .map(user -> new SignedIn(user, users.passwordHash(email).orElseThrow(), null))
                .orElseThrow(() -> new UsernameNotFoundException("No user " + email));
    }

    /** The tracking API authenticates by write key itself (see the usage module); no session, no CSRF. */
    @Bean
    @Order(0)
    SecurityFilterChain tracking(HttpSecurity http) throws Exception {
        http.securityMatcher("/v1/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, Users users, SignInThrottle throttle) throws Exception {
        // A browser signed in to the UI (the API explorer) calls the API with its session, CSRF token and all;
        // the API itself never starts a session and remembers no request.
        http.securityMatcher("/api/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .securityContext(context -> context.securityContextRepository(new HttpSessionSecurityContextRepository()))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .csrf(csrf -> csrf.csrfTokenRepository(CsrfTokens.REPOSITORY).csrfTokenRequestHandler(new CsrfTokens())
                        .requireCsrfProtectionMatcher(CsrfTokens.SESSION_CHANGES))
                .addFilterBefore(new BearerTokenFilter(tokens, users, throttle), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new SessionRefresh(users), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, failure) -> ProblemResponses.write(response,
                                HttpStatus.UNAUTHORIZED, "Authentication required: send 'Authorization: Bearer <token>'",
                                request.getRequestURI()))
                        .accessDeniedHandler((request, response, denied) -> ProblemResponses.write(response,
                                HttpStatus.FORBIDDEN, denied instanceof CsrfException
                                        ? "A change signed in by session needs the CSRF token: send the XSRF-TOKEN "
                                                + "cookie's value as the X-XSRF-TOKEN header, or use a bearer token"
                                        : "Your role or your token's scope does not allow this",
                                request.getRequestURI())))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/users/**").hasAuthority(MANAGE_USERS)
                        .requestMatchers("/api/write-keys/**", "/api/write-keys").hasAuthority(CONFIGURE)
                        .requestMatchers("/api/tokens/**").hasAuthority(READ)
                        .requestMatchers(GET, "/api/**").hasAuthority(READ)
                        .requestMatchers(HEAD, "/api/**").hasAuthority(READ)
                        .anyRequest().hasAuthority(WRITE));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain ui(HttpSecurity http, ApiTokens tokens, Users users, SignInThrottle throttle,
            SingleSignOn sso, ObjectProvider<OAuth2UserService<OidcUserRequest, OidcUser>> ssoUsers,
            ObjectProvider<AuthenticationSuccessHandler> ssoSignedIn,
            @Value("${lodestar.security.form-login:true}") boolean formLogin,
            @Value("${lodestar.metrics.open-on-management-port:false}") boolean openMetrics,
            @Value("${management.server.port:}") String managementPort,
            @Value("${server.port:8080}") String serverPort) throws Exception {
        int openPort = openMetricsPort(openMetrics, managementPort, serverPort);
        if (!formLogin && !sso.enabled()) {
            throw new IllegalStateException("lodestar.security.form-login=false leaves no way to sign in: configure "
                    + "single sign-on (lodestar.sso.issuer-uri and lodestar.sso.client-id) or keep the form");
        }
        http.addFilterBefore(new BearerTokenFilter(tokens, users, throttle), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new SessionRefresh(users), AnonymousAuthenticationFilter.class)
                .csrf(csrf -> csrf.csrfTokenRepository(CsrfTokens.REPOSITORY).csrfTokenRequestHandler(new CsrfTokens()))
                .addFilterAfter(new CsrfTokens.IssueOnExplorer(), CsrfFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll());
        if (formLogin) {
            ThrottledSignIn signIn = new ThrottledSignIn(throttle);
            http.addFilterBefore(signIn, UsernamePasswordAuthenticationFilter.class)
                    .formLogin(form -> form.loginPage("/login").successHandler(signIn).failureHandler(signIn));
        }
        if (sso.enabled()) {
            AuthenticationFailureHandler ssoFailed = new SimpleUrlAuthenticationFailureHandler("/login?sso-failed");
            http.oauth2Login(oidc -> oidc.loginPage("/login")
                    .userInfoEndpoint(info -> info.oidcUserService(ssoUsers.getObject()))
                    .successHandler(ssoSignedIn.getObject())
                    .failureHandler(ssoFailed)
                    // Starting a sign-in fails too when the provider cannot be reached: say so on the
                    // sign-in page, like any other failure, instead of the filter's bare 500.
                    .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                        @Override
                        public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                            filter.setAuthenticationFailureHandler(ssoFailed);
                            return filter;
                        }
                    }));
        }
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers(GET, "/login").permitAll()
                        // Opted in: Prometheus scrapes without a token on the management port, which only it reaches.
                        .requestMatchers(request -> openPort > 0 && request.getLocalPort() == openPort
                                && "/actuator/prometheus".equals(request.getRequestURI())).permitAll()
                        // A plan shared with a customer's contact: the signed link is the credential (CSRF still on).
                        .requestMatchers("/shared/plans/**").permitAll()
                        .requestMatchers("/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon.svg", "/error",
                                "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/settings/people", "/settings/people/**").hasAuthority(MANAGE_USERS)
                        // Prometheus scrapes with a metrics token (docs/operations.md); admins' and leaders' roles hold it too.
                        .requestMatchers(GET, "/actuator/prometheus").hasAuthority(METRICS)
                        .requestMatchers("/actuator/**", "/settings/**").hasAuthority(CONFIGURE)
                        // The forms that change the book open only for those who may send them.
                        .requestMatchers(GET, "/accounts/new", "/accounts/*/edit", "/accounts/*/stakeholders/new",
                                "/accounts/*/stakeholders/*/edit", "/accounts/*/contracts/**").hasAuthority(WRITE)
                        .requestMatchers(GET, "/**").hasAuthority(READ)
                        .requestMatchers(HEAD, "/**").hasAuthority(READ)
                        // A saved view is its owner's alone and changes no customer data: read-only users keep them too.
                        .requestMatchers(POST, "/book/views", "/book/views/**").hasAuthority(READ)
                        .anyRequest().hasAuthority(WRITE));
        return http.build();
    }

    /**
     * The port on which {@code /actuator/prometheus} answers without a token: the management port, when
     * {@code lodestar.metrics.open-on-management-port} asks for it; 0 for none. Only on a port of its own, which a
     * firewall can keep to Prometheus: never the port people and the API use.
     */
    static int openMetricsPort(boolean open, String managementPort, String serverPort) {
        if (!open) {
            return 0;
        }
        int port;
        try {
            port = Integer.parseInt(managementPort.strip());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port <= 0 || managementPort.strip().equals(serverPort == null ? "" : serverPort.strip())) {
            throw new IllegalStateException("lodestar.metrics.open-on-management-port=true opens /actuator/prometheus on "
                    + "the management port only: set management.server.port (MANAGEMENT_SERVER_PORT) to a port of its own, "
                    + "other than the server's (" + serverPort + "); got '" + managementPort + "'");
        }
        return port;
    }
}
