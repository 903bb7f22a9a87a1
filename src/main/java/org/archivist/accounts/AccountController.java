package org.archivist.accounts;

import java.net.URI;
import java.util.List;

import org.archivist.access.Caller;
import org.archivist.access.Callers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accounts over HTTP: {@code /api/users} for admins (the security chain lets no one else in), and
 * {@code /api/me} for everyone: who am I, my password, my tokens. A token made here is its owner's,
 * never more (and a read token cannot make one: it may only read).
 */
@RestController
class AccountController {

    private final AccountService accounts;
    private final UserService users;
    private final ApiTokenService tokens;
    private final Callers callers;

    AccountController(AccountService accounts, UserService users, ApiTokenService tokens, Callers callers) {
        this.accounts = accounts;
        this.users = users;
        this.tokens = tokens;
        this.callers = callers;
    }

    @GetMapping("/api/users")
    List<UserSchemas.Account> list() {
        return accounts.list();
    }

    @GetMapping("/api/users/{id}")
    UserSchemas.Account get(@PathVariable long id) {
        return accounts.get(id);
    }

    @PostMapping("/api/users")
    ResponseEntity<UserSchemas.Account> create(@RequestBody UserSchemas.AdminCreate request) {
        UserSchemas.Account created = accounts.create(request);
        return ResponseEntity.created(URI.create("/api/users/" + created.id())).body(created);
    }

    @PatchMapping("/api/users/{id}")
    UserSchemas.Account update(@PathVariable long id, @RequestBody UserSchemas.AdminUpdate request) {
        return accounts.update(id, request, callers.current().userId());
    }

    @GetMapping("/api/me")
    UserSchemas.Account me() {
        return accounts.get(signedIn().userId());
    }

    @PutMapping("/api/me/password")
    ResponseEntity<Void> password(@RequestBody UserSchemas.PasswordChange change) {
        users.changeOwnPassword(signedIn().userId(), change.currentPassword(), change.newPassword());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/me/tokens")
    List<ApiTokenService.Token> myTokens() {
        return tokens.list(signedIn().userId());
    }

    /** The new token's secret is in this answer only. */
    @PostMapping("/api/me/tokens")
    ResponseEntity<ApiTokenService.Created> newToken(@RequestBody UserSchemas.NewToken request) {
        ApiTokenService.Created created = tokens.create(signedIn().userId(), request.name(), ApiTokenService.Scope.parse(request.scope()));
        return ResponseEntity.created(URI.create("/api/me/tokens/" + created.id())).body(created);
    }

    @DeleteMapping("/api/me/tokens/{id}")
    ResponseEntity<Void> revoke(@PathVariable long id) {
        tokens.revoke(signedIn().userId(), id);
        return ResponseEntity.noContent().build();
    }

    private Caller signedIn() {
        Caller caller = callers.current();
        if (caller.userId() == null) throw new org.springframework.security.access.AccessDeniedException("no signed-in user");
        return caller;
    }
}
