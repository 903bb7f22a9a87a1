package org.archivist.catalog;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.archivist.db.TimestampedEntity;

/** An ordered, named set of items (table {@code collections}). */
@Entity
@Table(name = "collections")
public class ItemCollection extends TimestampedEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String name;

    private String description;

    /** The owning user's id; accounts are a feature of their own, so only the key is kept here. */
    @Column(name = "owner_id")
    private Long ownerId;

    @OneToMany(mappedBy = "collection", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<CollectionEntry> entries = new ArrayList<>();

    protected ItemCollection() {
    }

    public ItemCollection(String name) {
        this.name = name;
    }

    /** Appends an item at the end; an item already present stays where it is. */
    public CollectionEntry add(Item item) {
        for (CollectionEntry entry : entries) {
            if (entry.getItem() == item) {
                return entry;
            }
        }
        CollectionEntry entry = new CollectionEntry(this, item, entries.size());
        entries.add(entry);
        item.getCollectionEntries().add(entry);
        return entry;
    }

    public void remove(Item item) {
        entries.removeIf(entry -> entry.getItem() == item);
        item.getCollectionEntries().removeIf(entry -> entry.getCollection() == this);
        renumber();
    }

    /** Moves an item to a new position (0-based), shifting the others. */
    public void move(Item item, int newPosition) {
        CollectionEntry moving = entries.stream().filter(entry -> entry.getItem() == item).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("item " + item.getId() + " is not in collection '" + name + "'"));
        entries.remove(moving);
        entries.add(Math.max(0, Math.min(newPosition, entries.size())), moving);
        renumber();
    }

    private void renumber() {
        for (int i = 0; i < entries.size(); i++) {
            entries.get(i).setPosition(i);
        }
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public Long getOwnerId() { return ownerId; }
    public void setOwnerId(Long ownerId) { this.ownerId = ownerId; }
    public List<CollectionEntry> getEntries() { return entries; }
}
