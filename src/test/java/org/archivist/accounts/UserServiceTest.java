package org.archivist.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;

class UserServiceTest extends EngineTest {

    @Test
    void emailsAreNormalisedUniqueAndPasswordsOnlyHashed() {
        String local = unique("Grace");
        UserService users = bean(UserService.class);
        User user = users.register(new UserSchemas.Create("  " + local + "@Example.ORG ", "a long passphrase", "Grace", "Hopper", Role.ADMIN));
        assertThat(user.getEmail()).isEqualTo(local.toLowerCase() + "@example.org");
        assertThat(user.getPasswordHash()).startsWith("$2").doesNotContain("a long passphrase");
        assertThat(users.findByEmail(local.toUpperCase() + "@EXAMPLE.org")).get().extracting(User::getId).isEqualTo(user.getId());
        assertThatThrownBy(() -> users.register(new UserSchemas.Create(local + "@example.org", "another passphrase", null, null, null)))
                .hasMessageContaining("already has an account");
        // The stored format: BCrypt, version 2a/2b, at the documented cost.
        assertThat(user.getPasswordHash()).matches("\\$2[ab]\\$" + UserService.COST + "\\$.{53}");
        assertThat(users.passwords().matches("a long passphrase", user.getPasswordHash())).isTrue();
        assertThatThrownBy(() -> users.changeOwnPassword(user.getId(), "wrong passphrase", "a newer passphrase"))
                .hasMessageContaining("not the current password");
        users.changeOwnPassword(user.getId(), "a long passphrase", "a newer passphrase");
        assertThat(users.passwords().matches("a newer passphrase", users.get(user.getId()).getPasswordHash())).isTrue();
        assertThatThrownBy(() -> users.setPassword(user.getId(), "short")).hasMessageContaining("between 10 and 128");
    }

    @Test
    void malformedEmailsAreRefused() {
        assertThatThrownBy(() -> EmailAddress.normalize("no-at-sign")).hasMessageContaining("not an e-mail address");
        assertThatThrownBy(() -> EmailAddress.normalize("a@b@c")).hasMessageContaining("not an e-mail address");
        assertThatThrownBy(() -> EmailAddress.normalize(" ")).hasMessageContaining("must not be blank");
    }
}
