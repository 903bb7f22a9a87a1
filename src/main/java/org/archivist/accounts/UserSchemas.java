package org.archivist.accounts;

import java.time.Instant;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Request and response shapes of users; a response never carries the password hash. */
public final class UserSchemas {

    private UserSchemas() {
    }

    public record Create(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(min = 10, max = 128, message = "must be between 10 and 128 characters") String password,
            @Size(max = 100) String firstName,
            @Size(max = 100) String lastName,
            Role role) {

        @Override
        public String toString() {
            return "Create[email=" + email + ", password=***]";
        }
    }

    public record NewPassword(@NotBlank @Size(min = 10, max = 128, message = "must be between 10 and 128 characters") String password) {
        @Override
        public String toString() {
            return "NewPassword[***]";
        }
    }

    /** What an admin changes of an account: any field left out stays; {@code password} resets it; {@code libraries} replaces the grants. */
    public record AdminUpdate(Boolean active, Role role, @Size(min = 10, max = 128, message = "must be between 10 and 128 characters") String password,
                              java.util.List<@jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Positive Long> libraries) {
        @Override
        public String toString() {
            return "AdminUpdate[active=" + active + ", role=" + role + ", password=" + (password == null ? "unchanged" : "***") + "]";
        }
    }

    /** A new account as an admin makes it, with its libraries. */
    public record AdminCreate(@NotBlank @Email @Size(max = 254) String email,
                              @NotBlank @Size(min = 10, max = 128, message = "must be between 10 and 128 characters") String password,
                              Role role, java.util.List<@jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Positive Long> libraries) {
        @Override
        public String toString() {
            return "AdminCreate[email=" + email + ", password=***]";
        }
    }

    public record PasswordChange(@NotBlank String currentPassword,
                                 @NotBlank @Size(min = 10, max = 128, message = "must be between 10 and 128 characters") String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[***]";
        }
    }

    public record NewToken(@NotBlank @Size(max = 100) String name, @NotBlank String scope) {
    }

    /** An account as an admin sees it: the response with its libraries. */
    public record Account(long id, String email, Role role, boolean active, Instant lastLoginAt, java.util.Set<Long> libraries) {
    }

    public record Update(@Email @Size(max = 254) String email, @Size(max = 100) String firstName,
                         @Size(max = 100) String lastName, Boolean active) {
    }

    public record Response(long id, String email, String firstName, String lastName, Role role, boolean active,
                           Instant lastLoginAt, Instant createdAt, Instant updatedAt) {

        public static Response of(User user) {
            return new Response(user.getId(), user.getEmail(), user.getFirstName(), user.getLastName(), user.getRole(),
                    user.isActive(), user.getLastLoginAt(), user.getCreatedAt(), user.getUpdatedAt());
        }
    }
}
