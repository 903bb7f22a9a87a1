package org.archivist.accounts;

import java.util.Arrays;
import java.util.List;

import org.archivist.access.Callers;
import org.archivist.catalog.LibraryService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A person's own account page (password, API tokens) and the admins' page of accounts: the API's services, the same refusals. */
@Controller
class AccountPages {

    private final AccountService accounts;
    private final UserService users;
    private final ApiTokenService tokens;
    private final LibraryService libraries;
    private final Callers callers;

    AccountPages(AccountService accounts, UserService users, ApiTokenService tokens, LibraryService libraries, Callers callers) {
        this.accounts = accounts;
        this.users = users;
        this.tokens = tokens;
        this.libraries = libraries;
        this.callers = callers;
    }

    @GetMapping("/account")
    String account(Model model) {
        long me = callers.current().userId();
        model.addAttribute("me", accounts.get(me));
        model.addAttribute("tokens", tokens.list(me));
        return "accounts/account";
    }

    @PostMapping("/account/password")
    String password(@RequestParam String currentPassword, @RequestParam String newPassword, RedirectAttributes flash) {
        return done(flash, () -> users.changeOwnPassword(callers.current().userId(), currentPassword, newPassword), "Password changed.", "/account");
    }

    @PostMapping("/account/tokens")
    String newToken(@RequestParam String name, @RequestParam String scope, RedirectAttributes flash) {
        try {
            ApiTokenService.Created created = tokens.create(callers.current().userId(), name, ApiTokenService.Scope.parse(scope));
            flash.addFlashAttribute("newToken", created.token());
            flash.addFlashAttribute("message", "Token “" + created.name() + "” made: copy it now, it is not shown again.");
        } catch (RuntimeException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/account";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revoke(@PathVariable long id, RedirectAttributes flash) {
        return done(flash, () -> tokens.revoke(callers.current().userId(), id), "Token revoked.", "/account");
    }

    @GetMapping("/users")
    String users(Model model) {
        model.addAttribute("accounts", accounts.list());
        model.addAttribute("libraries", libraries.list());
        model.addAttribute("roles", Role.values());
        return "accounts/users";
    }

    @PostMapping("/users")
    String add(@RequestParam String email, @RequestParam String password, @RequestParam(defaultValue = "user") String role,
               @RequestParam(required = false) List<Long> libraries, RedirectAttributes flash) {
        return done(flash, () -> accounts.create(new UserSchemas.AdminCreate(email, password,
                org.archivist.db.StoredEnum.parse("role", Role.class, role), libraries)), "Account " + email + " added.", "/users");
    }

    @PostMapping("/users/{id}")
    String change(@PathVariable long id, @RequestParam(required = false) Boolean active, @RequestParam(required = false) String role,
                  @RequestParam(required = false) String password, @RequestParam(required = false) List<Long> libraries,
                  @RequestParam(defaultValue = "false") boolean setLibraries, RedirectAttributes flash) {
        return done(flash, () -> accounts.update(id, new UserSchemas.AdminUpdate(active,
                role == null ? null : org.archivist.db.StoredEnum.parse("role", Role.class, role),
                password == null || password.isEmpty() ? null : password,
                setLibraries ? (libraries == null ? List.of() : libraries) : null), callers.current().userId()), "Account changed.", "/users");
    }

    private static String done(RedirectAttributes flash, Runnable change, String message, String back) {
        try {
            change.run();
            flash.addFlashAttribute("message", message);
        } catch (org.archivist.db.NotFoundException e) {
            throw e;
        } catch (RuntimeException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:" + back;
    }
}
