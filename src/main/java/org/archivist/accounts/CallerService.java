package org.archivist.accounts;

import org.archivist.access.Caller;
import org.archivist.access.Callers;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/** The caller of the current request, with the libraries granted to them read now (a change counts at once). */
@Service
public class CallerService implements Callers {

    private final LibraryAccess access;

    CallerService(LibraryAccess access) {
        this.access = access;
    }

    /**
     * The signed-in caller. Outside a web request (the CLI, a background job) the owner; inside one
     * there is always a signed-in user (the security chain saw to it), and if not, nothing is shown.
     */
    @Override
    public Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Principal principal)) {
            if (org.springframework.web.context.request.RequestContextHolder.getRequestAttributes() == null) return Caller.OWNER;
            throw new org.springframework.security.access.AccessDeniedException("no signed-in user");
        }
        if (principal.role() == Role.ADMIN) return new Caller(principal.userId(), true, null, principal.readOnly());
        // Read once a request: a handler, its page sections and its services ask several times.
        var request = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        String key = CallerService.class.getName() + "." + principal.userId();
        Object known = request == null ? null : request.getAttribute(key, org.springframework.web.context.request.RequestAttributes.SCOPE_REQUEST);
        if (known instanceof Caller caller) return caller;
        Caller caller = new Caller(principal.userId(), false, access.granted(principal.userId()), principal.readOnly());
        if (request != null) request.setAttribute(key, caller, org.springframework.web.context.request.RequestAttributes.SCOPE_REQUEST);
        return caller;
    }
}
