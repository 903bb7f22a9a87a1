package org.archivist.plans;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The tags of a duplicate's tagged twin for an item that has none: an exact copy's surely, a near
 * duplicate's as surely as the two pictures are alike. Reads the groups duplicate detection found.
 */
@Component
class TwinTagsRule implements AnalysisRule {

    static final String NAME = "twin_tags";

    record Settings(Double exact, Double near) {
    }

    private final JdbcTemplate jdbc;

    TwinTagsRule(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<?> settings() {
        return Settings.class;
    }

    @Override
    public void propose(Catalogue catalogue, AnalysisSettings settings, Sink sink) {
        Settings given = settings.settingsOf(NAME, Settings.class);
        double exact = given.exact() == null ? 0.9 : given.exact();
        double near = given.near() == null ? 0.7 : given.near();
        jdbc.query("""
                SELECT a.item_id, b.item_id, d.match_type, d.similarity FROM duplicates d
                JOIN files a ON a.id = d.file_id JOIN files b ON b.id = d.duplicate_of_id
                WHERE a.item_id IS NOT NULL AND b.item_id IS NOT NULL AND a.item_id <> b.item_id""", rows -> {
            double confidence = "exact".equals(rows.getString(3)) ? exact : near * Math.max(0, Math.min(1, rows.getDouble(4)));
            offer(catalogue, rows.getLong(1), rows.getLong(2), confidence, sink);
            offer(catalogue, rows.getLong(2), rows.getLong(1), confidence, sink);
        });
    }

    private static void offer(Catalogue catalogue, long to, long from, double confidence, Sink sink) {
        Catalogue.ItemRow target = catalogue.items.get(to);
        if (target == null || !target.tags.isEmpty()) return;
        for (String tag : catalogue.tagNamesByItem.getOrDefault(from, List.of())) {
            sink.offer(new Proposal(to, "tag", ChangeAction.ADD, null, PlanValues.tag(tag, null), confidence, NAME));
        }
    }
}
