package org.lodestar.people;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.lodestar.audit.Actor;
import org.lodestar.audit.Actors;
import org.lodestar.errors.Conflict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Who an OpenID Connect sign-in is: the user with the email the identity provider vouches for,
 * created on first sign-in. The role comes from a claim (a list of groups or roles, or one value)
 * mapped to Lodestar's roles; without a mapped value a new user gets the configured default role and
 * an existing one keeps theirs.
 */
@Service
public class SingleSignOn {

    private static final Logger log = LoggerFactory.getLogger(SingleSignOn.class);

    /** Why an identity provider's answer cannot sign anyone in; shown on the sign-in page. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final Users users;
    private final String issuer;
    private final String rolesClaim;
    private final Role defaultRole;
    private final Map<String, Role> roleMap;
    private final String label;

    SingleSignOn(Users users, @Value("${lodestar.sso.issuer-uri:}") String issuer,
            @Value("${lodestar.sso.roles-claim:roles}") String rolesClaim,
            @Value("${lodestar.sso.default-role:read-only}") String defaultRole,
            @Value("${lodestar.sso.role-map:}") String roleMap,
            @Value("${lodestar.sso.label:single sign-on}") String label) {
        this.users = users;
        this.issuer = issuer.trim();
        this.rolesClaim = rolesClaim.trim();
        this.defaultRole = Optional.ofNullable(Role.parse(defaultRole)).orElseThrow(() -> new IllegalStateException(
                "lodestar.sso.default-role: expected one of " + Role.labels() + ", got '" + defaultRole + "'"));
        this.roleMap = parseRoleMap(roleMap);
        this.label = label.isBlank() ? "single sign-on" : label.trim();
    }

    public boolean enabled() {
        return !issuer.isEmpty();
    }

    /** What the sign-in button calls the identity provider. */
    public String label() {
        return label;
    }

    /** The user these ID-token (and user-info) claims sign in, created or given their mapped role as needed. */
    public User signIn(Map<String, Object> claims) {
        Object emailClaim = claims.get("email");
        if (!(emailClaim instanceof String email) || email.isBlank()) {
            throw new Refused("The identity provider sent no email address; Lodestar knows people by email. Ask "
                    + "your administrator to release the 'email' claim to Lodestar.");
        }
        if (Boolean.FALSE.equals(claims.get("email_verified"))) {
            throw new Refused("The identity provider says " + email + " is not verified.");
        }
        Optional<Role> mapped = mappedRole(claims.get(rolesClaim));
        return Actors.runAs(Actor.user(email.trim().toLowerCase(Locale.ROOT)), () -> {
            Optional<User> existing = users.findByEmail(email);
            if (existing.isEmpty()) {
                Object nameClaim = claims.get("name");
                String name = nameClaim instanceof String n && !n.isBlank() ? n : email.substring(0, email.indexOf('@') < 1
                        ? email.length() : email.indexOf('@'));
                Role role = mapped.orElse(defaultRole);
                log.info("Single sign-on: created {} as {}", email, role.label());
                // The password is random and never shown: such a user signs in through the identity provider.
                return users.create(email, name.length() > 200 ? name.substring(0, 200) : name, role,
                        Users.generatePassword());
            }
            User user = existing.get();
            if (!user.enabled()) {
                throw new Refused(user.email() + " is disabled in Lodestar; ask an administrator to enable it.");
            }
            if (mapped.isPresent() && mapped.get() != user.role()) {
                try {
                    return users.changeRole(user.id(), mapped.get());
                } catch (Conflict e) {
                    log.warn("Single sign-on: kept {} as {}: {}", user.email(), user.role().label(), e.getMessage());
                }
            }
            return user;
        });
    }

    /** The strongest role any value of the claim maps to. */
    Optional<Role> mappedRole(Object claim) {
        Collection<?> values = claim instanceof Collection<?> list ? list : claim == null ? List.of() : List.of(claim);
        Role best = null;
        for (Object value : values) {
            if (!(value instanceof String text)) {
                continue;
            }
            Role role = roleMap.isEmpty() ? Role.parse(text) : roleMap.get(text.trim().toLowerCase(Locale.ROOT));
            if (role != null && (best == null || role.permissions().size() > best.permissions().size())) {
                best = role;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code group=role,group=role}; empty means claim values are role names (admin, cs-leader, csm, read-only). */
    static Map<String, Role> parseRoleMap(String text) {
        Map<String, Role> map = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.lastIndexOf('=');
            Role role = equals < 1 ? null : Role.parse(pair.substring(equals + 1));
            if (role == null) {
                problems.add("'" + pair.trim() + "'");
            } else {
                map.put(pair.substring(0, equals).trim().toLowerCase(Locale.ROOT), role);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("lodestar.sso.role-map: expected claim-value=role pairs separated by "
                    + "commas, roles being " + Role.labels() + "; cannot read " + String.join(", ", problems));
        }
        return map;
    }

    public String issuer() {
        return issuer;
    }
}
