package org.archivist.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

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
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(users.authenticate(local + "@example.org", "a long passphrase")).isPresent();
        assertThat(users.authenticate(local + "@example.org", "wrong passphrase")).isEmpty();
        assertThat(users.get(user.getId()).getLastLoginAt()).isNotNull();
    }

    @Test
    void malformedEmailsAreRefused() {
        assertThatThrownBy(() -> EmailAddress.normalize("no-at-sign")).hasMessageContaining("not an e-mail address");
        assertThatThrownBy(() -> EmailAddress.normalize("a@b@c")).hasMessageContaining("not an e-mail address");
        assertThatThrownBy(() -> EmailAddress.normalize(" ")).hasMessageContaining("must not be blank");
    }
}
