package org.archivist.accounts;

import org.archivist.validation.RequestValidator;

import java.util.Optional;

import org.archivist.db.Instants;
import org.archivist.db.NotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts: registration with a BCrypt hash, look-up by e-mail in any letter case, password
 * changes, disabling. Sign-in itself goes through Spring Security ({@link SignIn}), which asks
 * {@link #signInDetails} and checks the hash; the CLI, the API and the pages all come here.
 */
@Service
public class UserService {

    /** BCrypt's cost: 2^11 rounds, about 0.1 s here (bench/README.md), well inside the 50-250 ms aim. */
    static final int COST = 11;

    private final UserRepository users;
    private final RequestValidator validator;
    private final PasswordEncoder passwords = new PassphraseEncoder(COST);

    UserService(UserRepository users, RequestValidator validator) {
        this.users = users;
        this.validator = validator;
    }

    PasswordEncoder passwords() {
        return passwords;
    }

    @Transactional
    public User register(UserSchemas.Create given) {
        UserSchemas.Create request = new UserSchemas.Create(given.email() == null ? null : given.email().strip(), given.password(),
                given.firstName(), given.lastName(), given.role());
        validator.validate(request);
        if (users.findByEmail(EmailAddress.normalize(request.email())).isPresent()) {
            throw new IllegalArgumentException("email: " + EmailAddress.normalize(request.email()) + " already has an account");
        }
        User user = new User(request.email(), passwords.encode(request.password()));
        user.setFirstName(request.firstName());
        user.setLastName(request.lastName());
        if (request.role() != null) {
            user.setRole(request.role());
        }
        return users.save(user);
    }

    @Transactional(readOnly = true)
    public boolean anyUser() {
        return users.count() > 0;
    }

    @Transactional(readOnly = true)
    public java.util.List<User> list() {
        return users.findAll(org.springframework.data.domain.Sort.by("email"));
    }

    @Transactional(readOnly = true)
    public Optional<User> findByEmail(String email) {
        return users.findByEmail(EmailAddress.normalize(email));
    }

    @Transactional(readOnly = true)
    public User get(long id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("user", id));
    }

    @Transactional(readOnly = true)
    public Optional<User> findById(long id) {
        return users.findById(id);
    }

    @Transactional(readOnly = true)
    public User get(String email) {
        return findByEmail(email).orElseThrow(() -> new NotFoundException("user", email));
    }

    /** A new password, checked like a registration's; the user's other sessions stay until they expire. */
    @Transactional
    public void setPassword(long id, String password) {
        validator.validate(new UserSchemas.NewPassword(password));
        get(id).setPasswordHash(passwords.encode(password));
    }

    /** A user's own change: the current password must be right. */
    @Transactional
    public void changeOwnPassword(long id, String current, String password) {
        if (current == null || !passwords.matches(current, get(id).getPasswordHash())) {
            throw new IllegalArgumentException("currentPassword: not the current password");
        }
        setPassword(id, password);
    }

    /** Enabled or disabled: a disabled user cannot sign in, and their tokens stop working at once. */
    @Transactional
    public User setActive(long id, boolean active) {
        User user = get(id);
        user.setActive(active);
        return user;
    }

    @Transactional
    public User setRole(long id, Role role) {
        User user = get(id);
        user.setRole(role);
        return user;
    }

    /** What sign-in needs of a user: id, e-mail, role, hash and whether active; empty for an unknown e-mail. */
    @Transactional(readOnly = true)
    Optional<User> signInDetails(String email) {
        return email == null || email.length() > 254 ? Optional.empty() : findByEmail(email);
    }

    @Transactional
    void signedIn(long id) {
        get(id).setLastLoginAt(Instants.now());
    }
}
