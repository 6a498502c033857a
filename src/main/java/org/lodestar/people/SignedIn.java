package org.lodestar.people;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.lodestar.audit.Acting;
import org.lodestar.audit.Actor;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The authenticated principal: a user, through the UI or one of their tokens. Its permissions are
 * the role's, capped by the token's scope and by the role the token was issued under.
 */
public record SignedIn(User user, String passwordHash, ApiToken token) implements UserDetails, Acting {

    public Set<Permission> permissions() {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        permissions.addAll(user.role().permissions());
        if (token != null) {
            permissions.retainAll(token.scope().permissions());
            permissions.retainAll(token.issuedRole().permissions());
        }
        return permissions;
    }

    public boolean can(Permission permission) {
        return permissions().contains(permission);
    }

    @Override
    public Actor actor() {
        return token == null ? Actor.user(user.email()) : Actor.token(token.name(), user.email());
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<GrantedAuthority> authorities = new java.util.ArrayList<>();
        permissions().forEach(p -> authorities.add(new SimpleGrantedAuthority(p.authority())));
        authorities.add(new SimpleGrantedAuthority("ROLE_" + user.role().name()));
        return authorities;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return user.email();
    }

    @Override
    public boolean isEnabled() {
        return user.enabled();
    }
}
