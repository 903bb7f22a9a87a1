package org.archivist.accounts;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page's model knows who is signed in (the navigation shows it, with the sign-out button). */
@ControllerAdvice
class SignedInAdvice {

    @ModelAttribute("signedIn")
    String signedIn() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Principal principal ? principal.getUsername() : null;
    }

    @ModelAttribute("signedInAdmin")
    boolean signedInAdmin() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Principal principal && principal.role() == Role.ADMIN;
    }
}
