package org.archivist.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

import org.archivist.db.Instants;
import org.archivist.db.TimestampedEntity;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

/** A studio, publisher or label; studios may belong to a parent network. */
@Entity
@Table(name = "studios")
public class Studio extends TimestampedEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "parent_id")
    @OnDelete(action = OnDeleteAction.SET_NULL)
    private Studio parent;

    @OneToMany(mappedBy = "parent")
    private List<Studio> children = new ArrayList<>();

    @OneToMany(mappedBy = "studio")
    private List<Item> items = new ArrayList<>();

    @Column(name = "stash_id", unique = true)
    private String stashId;

    @Column(name = "last_synced_at")
    private Instant lastSyncedAt;

    protected Studio() {
    }

    public Studio(String name) {
        this.name = name;
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Studio getParent() { return parent; }
    public void setParent(Studio parent) { this.parent = parent; }
    public List<Studio> getChildren() { return children; }
    public List<Item> getItems() { return items; }
    public String getStashId() { return stashId; }
    public void setStashId(String stashId) { this.stashId = stashId; }
    public Instant getLastSyncedAt() { return lastSyncedAt; }
    public void setLastSyncedAt(Instant lastSyncedAt) { this.lastSyncedAt = Instants.stored(lastSyncedAt); }
}
