package org.archivist.decisions;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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

import org.archivist.accounts.User;
import org.archivist.catalog.CatalogFile;
import org.archivist.db.Instants;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;
import org.hibernate.type.SqlTypes;

/** A person's decision about a file (keep this copy, use this date...), kept so it is never asked again. */
@Entity
@Table(name = "user_decisions")
public class UserDecision {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "file_id", nullable = false)
    @OnDelete(action = OnDeleteAction.CASCADE)
    private CatalogFile file;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "user_id")
    @OnDelete(action = OnDeleteAction.SET_NULL)
    private User user;

    @Column(name = "decision_type", nullable = false)
    private DecisionType decisionType;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "decision_value", nullable = false)
    private Map<String, Object> decisionValue = new LinkedHashMap<>();

    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    @Column(name = "applied_at")
    private Instant appliedAt;

    protected UserDecision() {
    }

    public UserDecision(CatalogFile file, User user, DecisionType decisionType, Map<String, Object> decisionValue) {
        this.file = file;
        this.user = user;
        this.decisionType = decisionType;
        this.decisionValue = new LinkedHashMap<>(decisionValue);
    }

    @PrePersist
    void stampDecision() {
        if (decidedAt == null) {
            decidedAt = Instants.now();
        }
    }

    public void markApplied() {
        this.appliedAt = Instants.now();
    }

    public Long getId() { return id; }
    public CatalogFile getFile() { return file; }
    public User getUser() { return user; }
    public DecisionType getDecisionType() { return decisionType; }
    public Map<String, Object> getDecisionValue() { return decisionValue; }
    public Instant getDecidedAt() { return decidedAt; }
    public Instant getAppliedAt() { return appliedAt; }
}
