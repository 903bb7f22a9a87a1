package org.archivist.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.archivist.catalog.ItemKind;
import org.archivist.catalog.ItemSchemas;
import org.archivist.catalog.ItemService;
import org.archivist.db.IllegalTransitionException;
import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PlanLifecycleTest extends EngineTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aPlanIsReviewedThenAppliedWithItsAcceptedChanges() {
        long item = bean(ItemService.class).create(new ItemSchemas.Create(ItemKind.SCENE, "Untitled", null, null, null, null, null, null)).getId();
        PlanService plans = bean(PlanService.class);
        AnalysisPlan plan = plans.create(new PlanSchemas.Create("titles from file names", null,
                Map.of("rules", List.of("filename-title"), "items_scanned", 1),
                List.of(new PlanSchemas.ChangeCreate(item, "title", ChangeAction.SET, JSON.valueToTree("Untitled"),
                                JSON.valueToTree("Beach day"), 0.9),
                        new PlanSchemas.ChangeCreate(item, "tag", ChangeAction.ADD, null,
                                JSON.valueToTree(List.of("beach", "summer")), 0.4))));
        assertThat(plan.getStatus()).isEqualTo(PlanStatus.DRAFT);
        plans.submitForReview(plan.getId());
        List<PlanChange> changes = inTransaction(() -> {
            List<PlanChange> loaded = plans.get(plan.getId()).getChanges();
            loaded.size();
            return loaded;
        });
        plans.review(plan.getId(), changes.get(0).getId(), new PlanSchemas.ChangeUpdate(true));
        plans.review(plan.getId(), changes.get(1).getId(), new PlanSchemas.ChangeUpdate(false));
        plans.markApplied(plan.getId());

        PlanSchemas.Response read = inTransaction(() -> PlanSchemas.Response.of(plans.get(plan.getId())));
        assertThat(read.status()).isEqualTo(PlanStatus.APPLIED);
        assertThat(read.appliedAt()).isNotNull();
        assertThat(read.metadata()).containsEntry("items_scanned", 1);
        assertThat(read.changes()).extracting(PlanSchemas.ChangeResponse::applied).containsExactlyInAnyOrder(true, false);
        PlanSchemas.ChangeResponse tags = read.changes().stream().filter(c -> c.field().equals("tag")).findFirst().orElseThrow();
        assertThat(tags.proposedValue().isArray()).isTrue();
        assertThat(tags.proposedValue().get(1).asString()).isEqualTo("summer");
        assertThat(tags.accepted()).isFalse();
        assertThat(tags.confidence()).isEqualTo(0.4);
    }

    @Test
    void illegalPlanTransitionsAreRefused() {
        PlanService plans = bean(PlanService.class);
        AnalysisPlan plan = plans.create(new PlanSchemas.Create("empty", null, null, null));
        assertThatThrownBy(() -> plans.markApplied(plan.getId())).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("draft to applied");
        plans.cancel(plan.getId());
        assertThatThrownBy(() -> plans.submitForReview(plan.getId())).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void confidenceOutsideZeroToOneIsRefused() {
        long item = bean(ItemService.class).create(new ItemSchemas.Create(ItemKind.SCENE, "x", null, null, null, null, null, null)).getId();
        assertThatThrownBy(() -> bean(PlanService.class).create(new PlanSchemas.Create("bad", null, null,
                List.of(new PlanSchemas.ChangeCreate(item, "title", ChangeAction.SET, null, null, 1.5)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 1");
    }
}
