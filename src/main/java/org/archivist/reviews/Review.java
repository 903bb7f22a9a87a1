package org.archivist.reviews;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.archivist.accounts.User;
import org.archivist.catalog.Item;
import org.archivist.db.TimestampedEntity;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

/** A user's 1-5 rating of an item, with optional text; one per user and item. */
@Entity
@Table(name = "reviews")
public class Review extends TimestampedEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false)
    @OnDelete(action = OnDeleteAction.CASCADE)
    private User user;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "item_id", nullable = false)
    @OnDelete(action = OnDeleteAction.CASCADE)
    private Item item;

    @Column(nullable = false)
    private int rating;

    @Column(name = "review_text")
    private String reviewText;

    protected Review() {
    }

    Review(User user, Item item, int rating, String reviewText) {
        this.user = user;
        this.item = item;
        setRating(rating);
        this.reviewText = reviewText;
    }

    public Long getId() { return id; }
    public User getUser() { return user; }
    public Item getItem() { return item; }
    public int getRating() { return rating; }
    void setRating(int rating) {
        if (rating < 1 || rating > 5) {
            throw new IllegalArgumentException("rating must be between 1 and 5, got " + rating);
        }
        this.rating = rating;
    }
    public String getReviewText() { return reviewText; }
    void setReviewText(String reviewText) { this.reviewText = reviewText; }
}
