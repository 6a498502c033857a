package org.lodestar.people;

import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On the first start against an empty database, creates the admin from LODESTAR_ADMIN_EMAIL and
 * LODESTAR_ADMIN_PASSWORD (printing a generated password when none is given) and, when
 * LODESTAR_ADMIN_TOKEN is set, an admin-scoped API token with that value, so automation can
 * bootstrap an instance.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Users users;
    private final ApiTokens tokens;
    private final String email;
    private final String password;
    private final String token;

    AdminBootstrap(Users users, ApiTokens tokens,
            @Value("${lodestar.admin.email:admin@lodestar.local}") String email,
            @Value("${lodestar.admin.password:}") String password,
            @Value("${lodestar.admin.token:}") String token) {
        this.users = users;
        this.tokens = tokens;
        this.email = email;
        this.password = password;
        this.token = token;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        boolean generated = password.isBlank();
        String chosen = generated ? Users.generatePassword() : password;
        Actors.runAs(Actor.system(), () -> {
            User admin = users.create(email, "Administrator", Role.ADMIN, chosen);
            if (!token.isBlank()) {
                tokens.issueWithSecret(admin.id(), "bootstrap", TokenScope.ADMIN, null, token);
            }
        });
        String message = "Created the first admin " + email
                + (generated ? " with generated password " + chosen + " (set LODESTAR_ADMIN_PASSWORD to choose one)"
                        : " with the configured password")
                + (token.isBlank() ? "" : "; API token from LODESTAR_ADMIN_TOKEN is active");
        log.info("Created the first admin {}", email);
        System.out.println(message);
    }
}
