package org.archivist.catalog;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.archivist.db.Instants;
import org.archivist.db.TimestampedEntity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A folder tree that Archivist catalogues. Its files are not mapped here: a library may hold millions. */
@Entity
@Table(name = "libraries")
public class Library extends TimestampedEntity {

    /** The folder under the root where discarded copies wait, keeping their relative paths; never scanned. */
    public static final String TRASH_FOLDER = ".archivist-trash";


    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(name = "root_path", nullable = false, unique = true)
    private String rootPath;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "media_types", nullable = false)
    private Set<MediaType> mediaTypes = new LinkedHashSet<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private LibrarySettings settings = LibrarySettings.DEFAULT;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "last_scanned_at")
    private Instant lastScannedAt;

    /** Why the last scan refused to touch this library (root missing, emptied...); null when online. */
    @Column(name = "offline_reason")
    private String offlineReason;

    protected Library() {
    }

    public Library(String name, String rootPath) {
        this.name = name;
        this.rootPath = rootPath;
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getRootPath() { return rootPath; }
    public void setRootPath(String rootPath) { this.rootPath = rootPath; }
    public Set<MediaType> getMediaTypes() { return mediaTypes; }
    public void setMediaTypes(Set<MediaType> mediaTypes) { this.mediaTypes = new LinkedHashSet<>(mediaTypes); }
    public LibrarySettings getSettings() { return settings; }
    public void setSettings(LibrarySettings settings) { this.settings = settings == null ? LibrarySettings.DEFAULT : settings; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public Instant getLastScannedAt() { return lastScannedAt; }
    public void setLastScannedAt(Instant lastScannedAt) { this.lastScannedAt = Instants.stored(lastScannedAt); }
    public String getOfflineReason() { return offlineReason; }
    public void setOfflineReason(String offlineReason) { this.offlineReason = offlineReason; }
    public boolean isOffline() { return offlineReason != null; }
}
