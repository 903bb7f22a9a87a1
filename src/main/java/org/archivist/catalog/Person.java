package org.archivist.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

import org.archivist.db.Instants;
import org.archivist.db.TimestampedEntity;

/** A performer, author, artist or director. */
@Entity
@Table(name = "people")
public class Person extends TimestampedEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    private String disambiguation;

    @Column(name = "stash_id", unique = true)
    private String stashId;

    @Column(name = "last_synced_at")
    private Instant lastSyncedAt;

    /**
     * Other names the person goes by (a stage name, a maiden name), matched as their name is. Read
     * with the person (a hundred people's at a time), since every answer about a person shows them:
     * read lazily, they were gone by the time the answer was written.
     */
    @jakarta.persistence.ElementCollection(fetch = jakarta.persistence.FetchType.EAGER)
    @org.hibernate.annotations.BatchSize(size = 100)
    @jakarta.persistence.CollectionTable(name = "person_aliases", joinColumns = @jakarta.persistence.JoinColumn(name = "person_id"))
    @Column(name = "alias", nullable = false)
    private java.util.Set<String> aliases = new java.util.TreeSet<>();

    @OneToMany(mappedBy = "person")
    private List<ItemPerson> credits = new ArrayList<>();

    protected Person() {
    }

    public Person(String name) {
        this.name = name;
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public java.util.Set<String> getAliases() { return java.util.Collections.unmodifiableSet(aliases); }
    public void setAliases(java.util.Collection<String> names) {
        aliases.clear();
        for (String alias : names) if (alias != null && !alias.isBlank() && !alias.strip().equalsIgnoreCase(name)) aliases.add(alias.strip());
    }
    public void setName(String name) { this.name = name; }
    public String getDisambiguation() { return disambiguation; }
    public void setDisambiguation(String disambiguation) { this.disambiguation = disambiguation; }
    public String getStashId() { return stashId; }
    public void setStashId(String stashId) { this.stashId = stashId; }
    public Instant getLastSyncedAt() { return lastSyncedAt; }
    public void setLastSyncedAt(Instant lastSyncedAt) { this.lastSyncedAt = Instants.stored(lastSyncedAt); }
    /** The items this person is credited on, with the role on each. */
    public List<ItemPerson> getCredits() { return credits; }
}
