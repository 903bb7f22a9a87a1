package org.archivist.accounts;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what. Browsers sign in with a form ({@code /login}, a session cookie kept in the
 * database, CSRF tokens on every change); scripts send {@code X-API-Key}. Everything but the
 * sign-in and setup pages and static assets needs a signed-in user; what is the admins' alone is
 * listed here by path, and what is a library's is checked by each service against the caller's
 * libraries ({@link CallerService}), answering 404 as if it did not exist.
 */
@Configuration
@EnableWebSecurity
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
        type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfig {

    static final String API_KEY = "X-API-Key";

    @Bean
    SecurityFilterChain chain(HttpSecurity http, ApiTokenService tokens, LoginThrottle throttle, UserService users) throws Exception {
        RequestMatcher api = request -> request.getRequestURI().startsWith("/api/") || request.getRequestURI().equals("/api");
        RequestMatcher withKey = request -> request.getHeader(API_KEY) != null;
        // CSRF guards what a session cookie authenticates: a request without one is anonymous (and refused as such, 401),
        // except the sign-in and setup forms, which are guarded against being posted from elsewhere.
        RequestMatcher withoutSession = request -> !request.getRequestURI().equals("/login") && !request.getRequestURI().equals("/setup")
                && (request.getCookies() == null || java.util.Arrays.stream(request.getCookies()).noneMatch(c -> c.getName().equals("SESSION")));
        http.authorizeHttpRequests(rules -> rules
                        // An event stream's later writes and error pages continue a request already let in.
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC, jakarta.servlet.DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login", "/setup", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.svg", "/error").permitAll()
                        .requestMatchers(AdminOnly.MATCHER).hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").usernameParameter("email").passwordParameter("password")
                        .successHandler((request, response, authentication) -> {
                            Principal principal = (Principal) authentication.getPrincipal();
                            throttle.succeeded(request.getRemoteAddr(), principal.getUsername());
                            users.signedIn(principal.userId());
                            response.sendRedirect(request.getContextPath() + "/");
                        })
                        .failureHandler((request, response, exception) -> response.sendRedirect(request.getContextPath() + "/login?error")))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?out"))
                .csrf(csrf -> csrf.ignoringRequestMatchers(withKey, withoutSession))
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor((request, response, e) -> problem(response, 401,
                        "sign in, or send a personal API token in the X-API-Key header"), api)
                        .defaultAccessDeniedHandlerFor((request, response, e) -> problem(response, 403, e.getMessage()), api))
                .sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'")))
                .addFilterBefore(new ThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new TokenFilter(tokens), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new FreshAccountFilter(users), org.springframework.security.web.access.intercept.AuthorizationFilter.class);
        return http.build();
    }

    /**
     * The session cookie: {@code SESSION}, HttpOnly, SameSite=Lax, Secure when the request came over
     * HTTPS. Its value is the session id as is, not Base64: a tampered cookie then is only an unknown
     * id, never bytes (a NUL) that the database refuses to compare.
     */
    @Bean
    org.springframework.session.web.http.CookieSerializer sessionCookie() {
        var cookie = new org.springframework.session.web.http.DefaultCookieSerializer();
        cookie.setCookieName("SESSION");
        cookie.setUseBase64Encoding(false);
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Lax");
        return cookie;
    }

    /** Passwords are checked by Spring's provider (which also hashes a dummy for an unknown e-mail, so both cost the same). */
    @Bean
    DaoAuthenticationProvider signIn(UserService users) {
        UserDetailsService details = email -> users.signInDetails(email).map(Principal::of)
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(details);
        provider.setPasswordEncoder(users.passwords());
        provider.setHideUserNotFoundExceptions(true);
        return provider;
    }

    static void problem(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        String text = detail == null ? "" : detail.replace("\\", "\\\\").replace("\"", "\\\"");
        response.getWriter().write("{\"status\":" + status + ",\"title\":\"" + (status == 401 ? "Unauthorized" : "Forbidden")
                + "\",\"detail\":\"" + text + "\"}");
    }

    /** {@code X-API-Key}: the token's owner for this request only (no session); a read token may only read. */
    static final class TokenFilter extends OncePerRequestFilter {
        private final ApiTokenService tokens;

        TokenFilter(ApiTokenService tokens) {
            this.tokens = tokens;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String key = request.getHeader(API_KEY);
            if (key == null) {
                chain.doFilter(request, response);
                return;
            }
            var principal = tokens.authenticate(key.strip());
            if (principal.isEmpty()) {
                problem(response, 401, "the API token is unknown, revoked, or its owner is disabled");
                return;
            }
            if (principal.get().readOnly() && !HttpMethod.GET.matches(request.getMethod()) && !HttpMethod.HEAD.matches(request.getMethod())) {
                problem(response, 403, "this token may only read (scope read)");
                return;
            }
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new PreAuthenticatedAuthenticationToken(principal.get(), null, principal.get().getAuthorities()));
            SecurityContextHolder.setContext(context);
            try {
                chain.doFilter(request, response);
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
    }

    /** Too many failed sign-ins from this address (for this account): a wait, before any password is checked. */
    static final class ThrottleFilter extends OncePerRequestFilter {
        private final LoginThrottle throttle;

        ThrottleFilter(LoginThrottle throttle) {
            this.throttle = throttle;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (HttpMethod.POST.matches(request.getMethod()) && request.getRequestURI().equals("/login")) {
                long wait = throttle.attempt(request.getRemoteAddr(), request.getParameter("email"));
                if (wait > 0) {
                    response.setHeader("Retry-After", Long.toString(wait));
                    response.sendRedirect(request.getContextPath() + "/login?wait=" + wait);
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }
}
