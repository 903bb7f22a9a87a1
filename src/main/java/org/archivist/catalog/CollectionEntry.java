package org.archivist.catalog;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

import org.archivist.db.Instants;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

/** An item's place in a collection (table {@code collection_items}). */
@Entity
@Table(name = "collection_items")
public class CollectionEntry {

    @EmbeddedId
    private Key key = new Key();

    @MapsId("collectionId")
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "collection_id")
    @OnDelete(action = OnDeleteAction.CASCADE)
    private ItemCollection collection;

    @MapsId("itemId")
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "item_id")
    @OnDelete(action = OnDeleteAction.CASCADE)
    private Item item;

    @Column(nullable = false)
    private int position;

    @Column(name = "added_at", nullable = false, updatable = false)
    private Instant addedAt;

    protected CollectionEntry() {
    }

    CollectionEntry(ItemCollection collection, Item item, int position) {
        this.collection = collection;
        this.item = item;
        this.position = position;
    }

    @PrePersist
    void stampAdded() {
        if (addedAt == null) {
            addedAt = Instants.now();
        }
    }

    public ItemCollection getCollection() { return collection; }
    public Item getItem() { return item; }
    public int getPosition() { return position; }
    void setPosition(int position) { this.position = position; }
    public Instant getAddedAt() { return addedAt; }

    /** The composite primary key (collection_id, item_id). */
    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "collection_id")
        private Long collectionId;
        @Column(name = "item_id")
        private Long itemId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(collectionId, key.collectionId) && Objects.equals(itemId, key.itemId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(collectionId, itemId);
        }
    }
}
