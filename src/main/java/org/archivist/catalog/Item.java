package org.archivist.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

import org.archivist.db.Instants;
import org.archivist.db.TimestampedEntity;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

/**
 * What a person curates: a scene, a photo, a track, a book. An item has zero or more files;
 * its rating aggregates are kept by the reviews feature.
 */
@Entity
@Table(name = "items")
public class Item extends TimestampedEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private ItemKind kind;

    @Column(nullable = false)
    private String title;

    private String details;

    @Column(name = "item_date")
    private LocalDate itemDate;

    @Column(nullable = false)
    private boolean organized;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "studio_id")
    @OnDelete(action = OnDeleteAction.SET_NULL)
    private Studio studio;

    /** ISBN-13, validated; see {@link Isbn}. */
    @Column(unique = true)
    private String isbn;

    @Column(name = "cover_image_url")
    private String coverImageUrl;

    @Column(name = "average_rating", nullable = false, precision = 3, scale = 2)
    private BigDecimal averageRating = BigDecimal.ZERO.setScale(2);

    @Column(name = "review_count", nullable = false)
    private int reviewCount;

    @Column(name = "stash_id", unique = true)
    private String stashId;

    @Column(name = "last_synced_at")
    private Instant lastSyncedAt;

    @OneToMany(mappedBy = "item")
    private List<CatalogFile> files = new ArrayList<>();

    @ManyToMany
    @JoinTable(name = "item_tags", joinColumns = @JoinColumn(name = "item_id"),
            inverseJoinColumns = @JoinColumn(name = "tag_id"))
    private Set<Tag> tags = new LinkedHashSet<>();

    @OneToMany(mappedBy = "item", cascade = CascadeType.ALL, orphanRemoval = true)
    private List<ItemPerson> people = new ArrayList<>();

    @OneToMany(mappedBy = "item")
    private List<CollectionEntry> collectionEntries = new ArrayList<>();

    protected Item() {
    }

    public Item(ItemKind kind, String title) {
        this.kind = kind;
        this.title = title;
    }

    public void addTag(Tag tag) {
        tags.add(tag);
        tag.getItems().add(this);
    }

    public void removeTag(Tag tag) {
        tags.remove(tag);
        tag.getItems().remove(this);
    }

    /** Credits a person in a role; the item must have been saved so that its id is known. */
    public ItemPerson addPerson(Person person, PersonRole role) {
        ItemPerson credit = new ItemPerson(this, person, role);
        people.add(credit);
        person.getCredits().add(credit);
        return credit;
    }

    public void removePerson(Person person, PersonRole role) {
        people.removeIf(credit -> credit.getPerson() == person && credit.getRole() == role);
        person.getCredits().removeIf(credit -> credit.getItem() == this && credit.getRole() == role);
    }

    public Long getId() { return id; }
    public ItemKind getKind() { return kind; }
    public void setKind(ItemKind kind) { this.kind = kind; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getDetails() { return details; }
    public void setDetails(String details) { this.details = details; }
    public LocalDate getItemDate() { return itemDate; }
    public void setItemDate(LocalDate itemDate) { this.itemDate = itemDate; }
    public boolean isOrganized() { return organized; }
    public void setOrganized(boolean organized) { this.organized = organized; }
    public Studio getStudio() { return studio; }
    public void setStudio(Studio studio) { this.studio = studio; }
    public String getIsbn() { return isbn; }
    /** Accepts an ISBN-10 or ISBN-13 with or without hyphens, stores the ISBN-13. */
    public void setIsbn(String isbn) { this.isbn = isbn == null || isbn.isBlank() ? null : Isbn.toIsbn13(isbn); }
    public String getCoverImageUrl() { return coverImageUrl; }
    public void setCoverImageUrl(String coverImageUrl) { this.coverImageUrl = coverImageUrl; }
    public BigDecimal getAverageRating() { return averageRating; }
    public int getReviewCount() { return reviewCount; }

    /** Sets the rating aggregates; the reviews feature recomputes them from its rows. */
    public void applyRatingSummary(BigDecimal average, int count) {
        this.averageRating = average.setScale(2, java.math.RoundingMode.HALF_UP);
        this.reviewCount = count;
    }
    public String getStashId() { return stashId; }
    public void setStashId(String stashId) { this.stashId = stashId; }
    public Instant getLastSyncedAt() { return lastSyncedAt; }
    public void setLastSyncedAt(Instant lastSyncedAt) { this.lastSyncedAt = Instants.stored(lastSyncedAt); }
    public List<CatalogFile> getFiles() { return files; }
    public Set<Tag> getTags() { return tags; }
    public List<ItemPerson> getPeople() { return people; }
    public List<CollectionEntry> getCollectionEntries() { return collectionEntries; }
}
