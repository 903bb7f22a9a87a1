package org.archivist.accounts;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A browser's session keeps who signed in, not what they may do: on every request the account is
 * read again, so disabling an account signs it out at its next request (its session is ended) and
 * a changed role counts at once. (A token request is read fresh by {@link ApiTokenService} already.)
 */
final class FreshAccountFilter extends OncePerRequestFilter {

    private final UserService users;

    FreshAccountFilter(UserService users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof UsernamePasswordAuthenticationToken && authentication.getPrincipal() instanceof Principal signedIn) {
            var now = users.findById(signedIn.userId()).filter(User::isActive);
            if (now.isEmpty()) {
                SecurityContextHolder.clearContext();
                var session = request.getSession(false);
                if (session != null) session.invalidate();
            } else if (now.get().getRole() != signedIn.role()) {
                Principal fresh = Principal.of(now.get());
                fresh.eraseCredentials();
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(fresh, null, fresh.getAuthorities()));
                SecurityContextHolder.setContext(context);
                var session = request.getSession(false);
                if (session != null) {
                    session.setAttribute(org.springframework.security.web.context.HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                            context);
                }
            }
        }
        chain.doFilter(request, response);
    }
}
