package org.archivist.plans;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

import org.archivist.accounts.User;
import org.archivist.catalog.Item;
import org.archivist.db.IllegalTransitionException;
import org.archivist.db.Instants;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;
import org.hibernate.type.SqlTypes;
import tools.jackson.databind.JsonNode;

/** Metadata changes proposed by a rule-based analysis, reviewed before anything is applied. */
@Entity
@Table(name = "analysis_plans")
public class AnalysisPlan {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    private String description;

    /** The settings the analysis ran with and its statistics. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private Map<String, Object> metadata = new LinkedHashMap<>();

    @Column(nullable = false)
    private PlanStatus status = PlanStatus.DRAFT;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "created_by")
    @OnDelete(action = OnDeleteAction.SET_NULL)
    private User createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "applied_at")
    private Instant appliedAt;

    @OneToMany(mappedBy = "plan", cascade = CascadeType.ALL, orphanRemoval = true)
    private List<PlanChange> changes = new ArrayList<>();

    protected AnalysisPlan() {
    }

    public AnalysisPlan(String name, Map<String, Object> metadata) {
        this.name = name;
        this.metadata = new LinkedHashMap<>(metadata);
    }

    @PrePersist
    void stampCreation() {
        if (createdAt == null) {
            createdAt = Instants.now();
        }
    }

    public PlanChange propose(Item item, String field, ChangeAction action, JsonNode currentValue, JsonNode proposedValue, Double confidence) {
        if (status != PlanStatus.DRAFT) {
            throw new IllegalTransitionException("plan " + id + " (only a draft takes new changes)", status.value(), "a new change");
        }
        PlanChange change = new PlanChange(this, item, field, action, currentValue, proposedValue, confidence);
        changes.add(change);
        return change;
    }

    public void submitForReview() {
        moveTo(PlanStatus.REVIEWING);
    }

    public void reopen() {
        moveTo(PlanStatus.DRAFT);
    }

    /** Marks the plan applied; the caller has applied its accepted changes in the same transaction. */
    public void markApplied() {
        moveTo(PlanStatus.APPLIED);
        this.appliedAt = Instants.now();
    }

    public void cancel() {
        moveTo(PlanStatus.CANCELLED);
    }

    private void moveTo(PlanStatus target) {
        if (!status.next().contains(target)) {
            throw new IllegalTransitionException("plan " + id, status.value(), target.value());
        }
        this.status = target;
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public Map<String, Object> getMetadata() { return metadata; }
    public void setMetadata(Map<String, Object> metadata) { this.metadata = new LinkedHashMap<>(metadata); }
    public PlanStatus getStatus() { return status; }
    public User getCreatedBy() { return createdBy; }
    public void setCreatedBy(User createdBy) { this.createdBy = createdBy; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getAppliedAt() { return appliedAt; }
    public List<PlanChange> getChanges() { return changes; }
}
