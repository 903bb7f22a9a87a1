package org.archivist.plans;

import java.util.List;
import java.util.Map;

import org.archivist.catalog.ItemService;
import org.archivist.db.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates plans, records reviewers' verdicts and moves plans through their life cycle. */
@Service
public class PlanService {

    private final AnalysisPlanRepository plans;
    private final ItemService items;

    PlanService(AnalysisPlanRepository plans, ItemService items) {
        this.plans = plans;
        this.items = items;
    }

    @Transactional
    public AnalysisPlan create(PlanSchemas.Create request) {
        AnalysisPlan plan = new AnalysisPlan(request.name(), request.metadata() == null ? Map.of() : request.metadata());
        plan.setDescription(request.description());
        plan = plans.save(plan);
        for (PlanSchemas.ChangeCreate change : request.changes() == null ? List.<PlanSchemas.ChangeCreate>of() : request.changes()) {
            plan.propose(items.get(change.itemId()), change.field(), change.action(), change.currentValue(),
                    change.proposedValue(), change.confidence());
        }
        return plan;
    }

    @Transactional(readOnly = true)
    public AnalysisPlan get(long id) {
        return plans.findById(id).orElseThrow(() -> new NotFoundException("plan", id));
    }

    @Transactional
    public AnalysisPlan submitForReview(long id) {
        AnalysisPlan plan = get(id);
        plan.submitForReview();
        return plan;
    }

    @Transactional
    public PlanChange review(long planId, long changeId, PlanSchemas.ChangeUpdate verdict) {
        PlanChange change = get(planId).getChanges().stream().filter(c -> c.getId() == changeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("plan " + planId + " has no change " + changeId));
        if (verdict.accepted()) {
            change.accept();
        } else {
            change.reject();
        }
        return change;
    }

    /**
     * Marks the accepted changes and the plan applied. Writing the values into items is the
     * analysis feature's work; it calls this in the same transaction once it has done so.
     */
    @Transactional
    public AnalysisPlan markApplied(long id) {
        AnalysisPlan plan = get(id);
        plan.markApplied();
        plan.getChanges().stream().filter(c -> Boolean.TRUE.equals(c.getAccepted())).forEach(PlanChange::markApplied);
        return plan;
    }

    @Transactional
    public AnalysisPlan cancel(long id) {
        AnalysisPlan plan = get(id);
        plan.cancel();
        return plan;
    }
}
