package org.archivist.accounts;

import java.util.Optional;

import org.archivist.db.Instants;
import org.archivist.db.NotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts: registration with a BCrypt hash, look-up by e-mail in any letter case, sign-in checks. */
@Service
public class UserService {

    private final UserRepository users;
    private final PasswordEncoder passwords = new BCryptPasswordEncoder(12);

    UserService(UserRepository users) {
        this.users = users;
    }

    @Transactional
    public User register(UserSchemas.Create request) {
        User user = new User(request.email(), passwords.encode(request.password()));
        user.setFirstName(request.firstName());
        user.setLastName(request.lastName());
        if (request.role() != null) {
            user.setRole(request.role());
        }
        return users.save(user);
    }

    @Transactional(readOnly = true)
    public Optional<User> findByEmail(String email) {
        return users.findByEmail(EmailAddress.normalize(email));
    }

    @Transactional(readOnly = true)
    public User get(long id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("user", id));
    }

    /** The active user with that e-mail and password, with the sign-in time recorded. */
    @Transactional
    public Optional<User> authenticate(String email, String password) {
        return findByEmail(email)
                .filter(User::isActive)
                .filter(user -> passwords.matches(password, user.getPasswordHash()))
                .map(user -> {
                    user.setLastLoginAt(Instants.now());
                    return user;
                });
    }
}
