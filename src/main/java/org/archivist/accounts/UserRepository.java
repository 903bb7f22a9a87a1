package org.archivist.accounts;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** Persistence of {@link User}; used only inside this feature. */
public interface UserRepository extends JpaRepository<User, Long> {

    Optional<User> findByEmail(String normalizedEmail);
}
