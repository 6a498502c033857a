package org.lodestar.people.internal;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.lodestar.errors.InvalidInput;
import org.lodestar.people.ApiToken;
import org.lodestar.people.ApiTokens;
import org.lodestar.people.IssuedToken;
import org.lodestar.people.Permission;
import org.lodestar.people.Role;
import org.lodestar.people.SignedIn;
import org.lodestar.people.TokenScope;
import org.lodestar.people.User;
import org.lodestar.people.Users;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Users (admins only) and personal API tokens over HTTP. */
@RestController
@Tag(name = "People", description = "Users, roles and API tokens")
class PeopleApi {

    @Schema(example = """
            {"email": "ana@lodestar.local", "name": "Ana Souza", "role": "csm", "password": "correct-horse-battery-staple"}""")
    record NewUser(String email, String name, String role, String password) {
    }

    @Schema(example = """
            {"role": "cs-leader"}""")
    record RoleChange(String role) {
    }

    @Schema(example = """
            {"enabled": false}""")
    record EnabledChange(Boolean enabled) {
    }

    @Schema(example = """
            {"name": "CRM sync", "scope": "write", "expiresAt": "2027-06-30T00:00:00Z"}""")
    record NewToken(String name, String scope, Instant expiresAt) {
    }

    record Me(User user, List<Permission> permissions, ApiToken token) {
    }

    private final Users users;
    private final ApiTokens tokens;

    PeopleApi(Users users, ApiTokens tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @GetMapping("/api/me")
    @Operation(summary = "Who am I: the user, the effective permissions and the token in use")
    Me me(@AuthenticationPrincipal SignedIn me) {
        return new Me(me.user(), List.copyOf(me.permissions()), me.token());
    }

    @Operation(summary = "List the users")
    @GetMapping("/api/users")
    List<User> users() {
        return users.list();
    }

    @Operation(summary = "Create a user")
    @PostMapping("/api/users")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<User> createUser(@RequestBody NewUser body) {
        Role role = Role.parse(body.role());
        if (role == null) {
            throw new InvalidInput("role", "expected one of " + Role.labels() + ", got '" + body.role() + "'");
        }
        User user = users.create(body.email(), body.name(), role, body.password());
        return ResponseEntity.created(URI.create("/api/users/" + user.id())).body(user);
    }

    @Operation(summary = "Change a user's role")
    @PutMapping("/api/users/{id}/role")
    User changeRole(@PathVariable long id, @RequestBody RoleChange body) {
        Role role = Role.parse(body.role());
        if (role == null) {
            throw new InvalidInput("role", "expected one of " + Role.labels() + ", got '" + body.role() + "'");
        }
        return users.changeRole(id, role);
    }

    @Operation(summary = "Enable or disable a user")
    @PutMapping("/api/users/{id}/enabled")
    User setEnabled(@PathVariable long id, @RequestBody EnabledChange body) {
        if (body.enabled() == null) {
            throw new InvalidInput("enabled", "expected true or false");
        }
        return users.setEnabled(id, body.enabled());
    }

    @GetMapping("/api/tokens")
    @Operation(summary = "List tokens", description = "Your own; all=true lists everyone's (needs the admin role "
            + "and an admin-scoped token).")
    List<ApiToken> tokens(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "false") boolean all) {
        if (all) {
            requireManageUsers(me);
            return tokens.list();
        }
        return tokens.listFor(me.user().id());
    }

    @PostMapping("/api/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a token for yourself", description = "The secret is in the answer, once. A token "
            + "cannot be given more than the permissions you act with now. Without expiresAt it expires in 90 days.")
    IssuedToken createToken(@AuthenticationPrincipal SignedIn me, @RequestBody NewToken body) {
        TokenScope scope = TokenScope.parse(body.scope());
        if (scope == null) {
            throw new InvalidInput("scope", "expected one of " + TokenScope.labels() + ", got '" + body.scope() + "'");
        }
        Instant expiresAt = body.expiresAt() != null ? body.expiresAt()
                : tokens.defaultExpiry();
        return tokens.issueFor(me, me.user().id(), body.name(), scope, expiresAt);
    }

    @Operation(summary = "Revoke one of your API tokens")
    @DeleteMapping("/api/tokens/{id}")
    ApiToken revoke(@AuthenticationPrincipal SignedIn me, @PathVariable long id) {
        ApiToken token = tokens.get(id);
        if (token.userId() != me.user().id()) {
            requireManageUsers(me);
        }
        return tokens.revoke(id);
    }

    private static void requireManageUsers(SignedIn me) {
        if (!me.can(Permission.MANAGE_USERS)) {
            throw new AccessDeniedException("Only admins manage other people's tokens");
        }
    }
}
