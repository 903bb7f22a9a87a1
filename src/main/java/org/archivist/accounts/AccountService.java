package org.archivist.accounts;

import java.util.List;
import java.util.Set;

import org.archivist.validation.RequestValidator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What an admin does with accounts (create with libraries, disable, reset, change role and grants), shared by the API and the pages. */
@Service
public class AccountService {

    private final UserService users;
    private final LibraryAccess access;
    private final RequestValidator validator;

    AccountService(UserService users, LibraryAccess access, RequestValidator validator) {
        this.users = users;
        this.access = access;
        this.validator = validator;
    }

    @Transactional(readOnly = true)
    public List<UserSchemas.Account> list() {
        return users.list().stream().map(this::account).toList();
    }

    @Transactional(readOnly = true)
    public UserSchemas.Account get(long id) {
        return account(users.get(id));
    }

    @Transactional
    public UserSchemas.Account create(UserSchemas.AdminCreate request) {
        validator.validate(request);
        User user = users.register(new UserSchemas.Create(request.email(), request.password(), null, null,
                request.role() == null ? Role.USER : request.role()));
        if (request.libraries() != null) access.grantOnly(user.getId(), request.libraries());
        return account(user);
    }

    /** An admin's change; an admin cannot disable or demote themselves (the household would be left without one). */
    @Transactional
    public UserSchemas.Account update(long id, UserSchemas.AdminUpdate request, Long actingUserId) {
        validator.validate(request);
        users.get(id);
        if (actingUserId != null && actingUserId == id && (Boolean.FALSE.equals(request.active()) || request.role() == Role.USER)) {
            throw new IllegalArgumentException("active: an admin cannot disable or demote their own account");
        }
        if (request.active() != null) users.setActive(id, request.active());
        if (request.role() != null) users.setRole(id, request.role());
        if (request.password() != null) users.setPassword(id, request.password());
        if (request.libraries() != null) access.grantOnly(id, request.libraries());
        return get(id);
    }

    private UserSchemas.Account account(User user) {
        Set<Long> libraries = access.granted(user.getId());
        return new UserSchemas.Account(user.getId(), user.getEmail(), user.getRole(), user.isActive(), user.getLastLoginAt(), libraries);
    }
}
