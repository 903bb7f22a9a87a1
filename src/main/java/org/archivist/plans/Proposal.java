package org.archivist.plans;

import tools.jackson.databind.JsonNode;

/**
 * One change a rule proposes: the item's field, the action, the value the rule saw and the one it
 * proposes, how sure it is (0 to 1), and which rule it was.
 */
record Proposal(long itemId, String field, ChangeAction action, JsonNode currentValue, JsonNode proposedValue, double confidence, String rule) {

    Proposal {
        if (confidence < 0 || confidence > 1) throw new IllegalArgumentException("confidence must be between 0 and 1, got " + confidence);
    }

    /** Two proposals of the same change to the same item, from any rule, are one (the surer is kept). */
    String key() {
        return itemId + "|" + field + "|" + action.value() + "|" + PlanValues.normalized(proposedValue);
    }
}
