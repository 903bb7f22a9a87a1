package org.archivist.dedup;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

import org.archivist.catalog.CatalogFile;
import org.archivist.db.Instants;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

/** A file recorded as a copy of another (its group's original), exactly or perceptually. */
@Entity
@Table(name = "duplicates")
public class Duplicate {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "file_id", nullable = false)
    @OnDelete(action = OnDeleteAction.CASCADE)
    private CatalogFile file;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "duplicate_of_id", nullable = false)
    @OnDelete(action = OnDeleteAction.CASCADE)
    private CatalogFile duplicateOf;

    @Column(name = "match_type", nullable = false)
    private MatchType matchType;

    /** 1.0 for exact copies; 1 - distance/64 for perceptual matches. */
    @Column(nullable = false)
    private double similarity;

    @Column(name = "detected_at", nullable = false)
    private Instant detectedAt;

    protected Duplicate() {
    }

    public Duplicate(CatalogFile file, CatalogFile duplicateOf, MatchType matchType, double similarity) {
        if (file == duplicateOf) {
            throw new IllegalArgumentException("a file cannot be a duplicate of itself");
        }
        if (similarity < 0 || similarity > 1) {
            throw new IllegalArgumentException("similarity must be between 0 and 1, got " + similarity);
        }
        this.file = file;
        this.duplicateOf = duplicateOf;
        this.matchType = matchType;
        this.similarity = similarity;
    }

    @PrePersist
    void stampDetection() {
        if (detectedAt == null) {
            detectedAt = Instants.now();
        }
    }

    public Long getId() { return id; }
    public CatalogFile getFile() { return file; }
    public CatalogFile getDuplicateOf() { return duplicateOf; }
    public MatchType getMatchType() { return matchType; }
    public double getSimilarity() { return similarity; }
    public Instant getDetectedAt() { return detectedAt; }
}
