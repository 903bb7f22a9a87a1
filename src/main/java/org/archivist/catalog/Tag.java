package org.archivist.catalog;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;

import org.archivist.db.Instants;
import org.archivist.db.TimestampedEntity;

/** A label on items; genres are tags of category {@value #GENRE}. Names are unique regardless of case. */
@Entity
@Table(name = "tags")
public class Tag extends TimestampedEntity {

    public static final String GENRE = "genre";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    private String description;

    /** {@code #rrggbb}, stored in lower case. */
    private String color;

    private String category;

    @Column(name = "stash_id", unique = true)
    private String stashId;

    @Column(name = "last_synced_at")
    private Instant lastSyncedAt;

    @ManyToMany(mappedBy = "tags")
    private Set<Item> items = new LinkedHashSet<>();

    protected Tag() {
    }

    public Tag(String name) {
        this.name = name;
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getColor() { return color; }
    public void setColor(String color) { this.color = color == null ? null : color.toLowerCase(Locale.ROOT); }
    public String getCategory() { return category; }
    public void setCategory(String category) { this.category = category; }
    public String getStashId() { return stashId; }
    public void setStashId(String stashId) { this.stashId = stashId; }
    public Instant getLastSyncedAt() { return lastSyncedAt; }
    public void setLastSyncedAt(Instant lastSyncedAt) { this.lastSyncedAt = Instants.stored(lastSyncedAt); }
    public Set<Item> getItems() { return items; }
}
