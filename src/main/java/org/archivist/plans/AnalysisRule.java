package org.archivist.plans;

/**
 * One way of finding metadata the catalogue lacks. A rule reads the loaded catalogue and offers
 * proposals; it writes nothing. Whether a proposal is kept (policies, locks, the least confidence)
 * is the sink's to decide, so every rule obeys them the same way.
 */
interface AnalysisRule {

    String name();

    /** The record the rule's settings are read into. */
    Class<?> settings();

    /** Refuses settings of the wrong type, naming the rule and field, before anything runs. */
    default void check(AnalysisSettings settings) {
        settings.settingsOf(name(), settings());
    }

    void propose(Catalogue catalogue, AnalysisSettings settings, Sink sink);

    interface Sink {
        void offer(Proposal proposal);
    }
}
