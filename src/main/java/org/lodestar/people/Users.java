package org.lodestar.people;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.lodestar.audit.AuditLog;
import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The people who use Lodestar. Every change is audited; passwords are stored as hashes. */
@Service
public class Users {

    static final int MIN_PASSWORD_LENGTH = 10;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    static final RowMapper<User> ROW = (rs, n) -> new User(rs.getLong("id"), rs.getString("email"),
            rs.getString("name"), Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"),
            rs.getTimestamp("created_at").toInstant());

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;

    Users(JdbcClient jdbc, PasswordEncoder passwords, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    public List<User> list() {
        return jdbc.sql("select * from app_user order by email").query(ROW).list();
    }

    /** The users accounts and tasks can be given to ({@link User#canOwnWork()}), by email: the owner pick lists. */
    public List<User> possibleOwners() {
        return list().stream().filter(User::canOwnWork).toList();
    }

    public Optional<User> findByEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from app_user where email = ?").param(normalEmail(email)).query(ROW).optional();
    }

    public Optional<User> find(long id) {
        return jdbc.sql("select * from app_user where id = ?").param(id).query(ROW).optional();
    }

    public User get(long id) {
        return find(id).orElseThrow(() -> new NotFound("User " + id));
    }

    public long count() {
        return jdbc.sql("select count(*) from app_user").query(Long.class).single();
    }

    @Transactional
    public User create(String email, String name, Role role, String password) {
        var problems = new InvalidInput.Collector();
        if (email == null || !EMAIL.matcher(email.trim()).matches() || email.trim().length() > 320) {
            problems.add("email", "expected an email address such as ana@example.com, got '" + email + "'");
        }
        if (name == null || name.isBlank() || name.trim().length() > 200) {
            problems.add("name", "must be 1 to 200 characters");
        }
        if (role == null) {
            problems.add("role", "expected one of " + Role.labels());
        }
        checkPassword(password, problems);
        problems.throwIfAny();
        if (findByEmail(email).isPresent()) {
            throw new Conflict("A user with email " + normalEmail(email) + " already exists");
        }
        jdbc.sql("""
                insert into app_user (email, name, role, password_hash, enabled, created_at)
                values (?, ?, ?, ?, true, ?)""")
                .params(normalEmail(email), name.trim(), role.name(), passwords.encode(password),
                        Timestamp.from(clock.instant()))
                .update();
        User user = findByEmail(email).orElseThrow();
        long id = user.id();
        audit.created("user", id, "Created user " + user.email() + " as " + role.label(), user);
        return user;
    }

    @Transactional
    public User changeRole(long id, Role role) {
        User before = get(id);
        if (role != Role.ADMIN) {
            keepAnAdmin(before, "change the role of");
        }
        jdbc.sql("update app_user set role = ? where id = ?").params(role.name(), id).update();
        User after = get(id);
        audit.updated("user", id, "Changed role of " + after.email() + " to " + role.label(), before, after);
        return after;
    }

    @Transactional
    public User setEnabled(long id, boolean enabled) {
        User before = get(id);
        if (!enabled) {
            keepAnAdmin(before, "disable");
        }
        jdbc.sql("update app_user set enabled = ? where id = ?").params(enabled, id).update();
        User after = get(id);
        audit.updated("user", id, (enabled ? "Enabled " : "Disabled ") + after.email(), before, after);
        return after;
    }

    @Transactional
    public void changePassword(long id, String password) {
        var problems = new InvalidInput.Collector();
        checkPassword(password, problems);
        problems.throwIfAny();
        User user = get(id);
        jdbc.sql("update app_user set password_hash = ? where id = ?").params(passwords.encode(password), id).update();
        audit.record("password", "user", id, "Changed password of " + user.email(), null, null);
    }

    /** Refuses to leave the instance without an enabled admin: nobody could manage people any more. */
    private void keepAnAdmin(User user, String what) {
        if (user.role() != Role.ADMIN || !user.enabled()) {
            return;
        }
        long otherAdmins = jdbc.sql("select count(*) from app_user where role = 'ADMIN' and enabled = true and id <> ?")
                .param(user.id()).query(Long.class).single();
        if (otherAdmins == 0) {
            throw new Conflict("Cannot " + what + " " + user.email() + ": they are the only enabled admin");
        }
    }

    /** The stored hash, for the login check only. */
    Optional<String> passwordHash(String email) {
        return jdbc.sql("select password_hash from app_user where email = ?").param(normalEmail(email))
                .query(String.class).optional();
    }

    private static void checkPassword(String password, InvalidInput.Collector problems) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            problems.add("password", "must have at least " + MIN_PASSWORD_LENGTH + " characters");
        } else if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            problems.add("password", "must be at most 72 bytes (bcrypt ignores anything longer)");
        }
    }

    /** A password for someone who did not choose one: 16 URL-safe characters from a secure source. */
    public static String generatePassword() {
        byte[] random = new byte[12];
        new java.security.SecureRandom().nextBytes(random);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    static String normalEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
