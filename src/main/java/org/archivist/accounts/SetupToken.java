package org.archivist.accounts;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The one-time token of the setup page: while no user exists, {@code serve} prints a link with it
 * to its log, and whoever can read the server's log (the machine's owner) makes the first admin.
 * Used once, or useless as soon as any user exists.
 */
@Component
class SetupToken {

    private static final Logger log = LoggerFactory.getLogger(SetupToken.class);

    private final UserService users;
    private final AtomicReference<String> token = new AtomicReference<>();

    SetupToken(UserService users) {
        this.users = users;
    }

    @EventListener
    void ready(ApplicationReadyEvent ready) {
        if (!(ready.getApplicationContext() instanceof WebServerApplicationContext web) || users.anyUser()) return;
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        token.set(HexFormat.of().formatHex(secret));
        log.warn("no account yet: open http://{}:{}/setup?token={} to make the first admin (or run 'archivist user add EMAIL --admin')",
                ready.getApplicationContext().getEnvironment().getProperty("server.address", "127.0.0.1"), web.getWebServer().getPort(), token.get());
    }

    /** Whether this is the live token; a used one, or one asked for once a user exists, is not. */
    boolean matches(String candidate) {
        String live = token.get();
        return live != null && candidate != null && java.security.MessageDigest.isEqual(live.getBytes(), candidate.getBytes()) && !users.anyUser();
    }

    void used() {
        token.set(null);
    }
}
