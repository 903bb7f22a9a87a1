package org.archivist.accounts;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page (Spring Security checks what it posts) and the one-time setup page that makes
 * the first admin with the token {@code serve} printed to its log.
 */
@Controller
class SignInPages {

    private final UserService users;
    private final SetupToken setup;

    SignInPages(UserService users, SetupToken setup) {
        this.users = users;
        this.setup = setup;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String out,
                 @RequestParam(required = false) Long wait, Model model) {
        // One answer for an unknown e-mail, a wrong password and a disabled account: nothing to learn from it.
        if (error != null) model.addAttribute("problem", "That e-mail and password do not match an active account.");
        if (wait != null) model.addAttribute("problem", "Too many failed sign-ins: try again in " + wait + " seconds.");
        if (out != null) model.addAttribute("message", "Signed out.");
        model.addAttribute("setupOpen", !users.anyUser());
        return "accounts/login";
    }

    @GetMapping("/setup")
    String setupPage(@RequestParam(defaultValue = "") String token, Model model) {
        if (!setup.matches(token)) return "redirect:/login";
        model.addAttribute("token", token);
        return "accounts/setup";
    }

    @PostMapping("/setup")
    String createFirstAdmin(@RequestParam(defaultValue = "") String token, @RequestParam String email, @RequestParam String password,
                            Model model) {
        if (!setup.matches(token)) return "redirect:/login";
        try {
            users.register(new UserSchemas.Create(email, password, null, null, Role.ADMIN));
            setup.used();
            return "redirect:/login?created";
        } catch (RuntimeException e) {
            model.addAttribute("token", token);
            model.addAttribute("problem", e.getMessage());
            return "accounts/setup";
        }
    }
}
