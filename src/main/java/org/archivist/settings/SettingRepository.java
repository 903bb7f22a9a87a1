package org.archivist.settings;


import org.springframework.data.jpa.repository.JpaRepository;

/** Persistence of {@link Setting}; used only inside this feature. */
public interface SettingRepository extends JpaRepository<Setting, String> {

}
