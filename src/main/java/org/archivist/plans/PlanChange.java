package org.archivist.plans;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.archivist.catalog.Item;
import org.archivist.db.Instants;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;
import org.hibernate.type.SqlTypes;
import tools.jackson.databind.JsonNode;

/** One proposed change to one item's field, with the analysis's confidence and the reviewer's verdict. */
@Entity
@Table(name = "plan_changes")
public class PlanChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "plan_id", nullable = false)
    @OnDelete(action = OnDeleteAction.CASCADE)
    private AnalysisPlan plan;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "item_id", nullable = false)
    @OnDelete(action = OnDeleteAction.CASCADE)
    private Item item;

    @Column(nullable = false)
    private String field;

    @Column(nullable = false)
    private ChangeAction action;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "current_value")
    private JsonNode currentValue;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "proposed_value")
    private JsonNode proposedValue;

    private Double confidence;

    /** Null until a person has reviewed the change. */
    private Boolean accepted;

    @Column(nullable = false)
    private boolean applied;

    @Column(name = "applied_at")
    private Instant appliedAt;

    protected PlanChange() {
    }

    PlanChange(AnalysisPlan plan, Item item, String field, ChangeAction action, JsonNode currentValue, JsonNode proposedValue, Double confidence) {
        if (confidence != null && (confidence < 0 || confidence > 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, got " + confidence);
        }
        this.plan = plan;
        this.item = item;
        this.field = field;
        this.action = action;
        this.currentValue = currentValue;
        this.proposedValue = proposedValue;
        this.confidence = confidence;
    }

    public void accept() {
        this.accepted = true;
    }

    public void reject() {
        this.accepted = false;
    }

    public void markApplied() {
        if (!Boolean.TRUE.equals(accepted)) {
            throw new IllegalStateException("change " + id + " was not accepted and cannot be applied");
        }
        this.applied = true;
        this.appliedAt = Instants.now();
    }

    public Long getId() { return id; }
    public AnalysisPlan getPlan() { return plan; }
    public Item getItem() { return item; }
    public String getField() { return field; }
    public ChangeAction getAction() { return action; }
    public JsonNode getCurrentValue() { return currentValue; }
    public JsonNode getProposedValue() { return proposedValue; }
    public Double getConfidence() { return confidence; }
    public Boolean getAccepted() { return accepted; }
    public boolean isApplied() { return applied; }
    public Instant getAppliedAt() { return appliedAt; }
}
