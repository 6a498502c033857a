package org.lodestar.people;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;

import org.lodestar.web.ProblemResponses;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Two ways in: bearer tokens for the API (stateless, no CSRF because no cookie is trusted) and
 * form login for the UI (session, CSRF on). Reading needs READ, any change WRITE, people MANAGE_USERS.
 */
@Configuration
@ConditionalOnWebApplication
class SecurityConfiguration {

    private static final String READ = Permission.READ.authority();
    private static final String WRITE = Permission.WRITE.authority();
    private static final String CONFIGURE = Permission.CONFIGURE.authority();
    private static final String MANAGE_USERS = Permission.MANAGE_USERS.authority();

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
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, Users users) throws Exception {
        http.securityMatcher("/api/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .addFilterBefore(new BearerTokenFilter(tokens, users), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, failure) -> ProblemResponses.write(response,
                                HttpStatus.UNAUTHORIZED, "Authentication required: send 'Authorization: Bearer <token>'",
                                request.getRequestURI()))
                        .accessDeniedHandler((request, response, denied) -> ProblemResponses.write(response,
                                HttpStatus.FORBIDDEN, "Your role or your token's scope does not allow this",
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
    SecurityFilterChain ui(HttpSecurity http, ApiTokens tokens, Users users) throws Exception {
        http.addFilterBefore(new BearerTokenFilter(tokens, users), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new SessionRefresh(users), AnonymousAuthenticationFilter.class)
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error",
                                "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**", "/settings/**").hasAuthority(CONFIGURE)
                        .requestMatchers(GET, "/**").hasAuthority(READ)
                        .requestMatchers(HEAD, "/**").hasAuthority(READ)
                        .anyRequest().hasAuthority(WRITE));
        return http.build();
    }
}
