package org.archivist.accounts;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Who is signed in, as the session keeps it: the user's id, e-mail and role, and, for a request
 * made with an API token, that the token may only read. The password hash is dropped once the
 * sign-in is checked, so a stored session never holds it. Libraries are not kept here: they are
 * read for each request ({@link CallerService}), so a grant or a withdrawal counts at once.
 */
public final class Principal implements UserDetails, CredentialsContainer {

    private final long userId;
    private final String email;
    private final Role role;
    private final boolean active;
    private final boolean readOnly;
    private String passwordHash;

    Principal(long userId, String email, Role role, boolean active, boolean readOnly, String passwordHash) {
        this.userId = userId;
        this.email = email;
        this.role = role;
        this.active = active;
        this.readOnly = readOnly;
        this.passwordHash = passwordHash;
    }

    static Principal of(User user) {
        return new Principal(user.getId(), user.getEmail(), user.getRole(), user.isActive(), false, user.getPasswordHash());
    }

    public long userId() {
        return userId;
    }

    public Role role() {
        return role;
    }

    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.value().toUpperCase(java.util.Locale.ROOT)));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean isEnabled() {
        return active;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "Principal[" + userId + ", " + email + ", " + role.value() + (readOnly ? ", read-only" : "") + "]";
    }
}
