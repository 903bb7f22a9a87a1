package org.archivist.dedup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.archivist.db.Instants;
import org.archivist.db.NotFoundException;
import org.archivist.decisions.DecisionLog;
import org.archivist.decisions.DecisionType;
import org.archivist.db.SqlValues;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a person reviews: each group of copies with the best one to keep first, and the decisions
 * (keep, discard, not a duplicate) recorded in {@code user_decisions}.
 */
@Service
public class DuplicateReview {

    public record Member(long fileId, String path, long sizeBytes, String mimeType, Integer width, Integer height,
                         Instant capturedAt, double similarity, int metadataFields, String decision) {
        long pixels() {
            return width == null || height == null ? 0 : (long) width * height;
        }
    }

    /**
     * {@code originalId} is the file the others were found to copy, or, when that one is hidden from the caller
     * (another library) or missing, the group's best shown copy; any member's id names the group in keep-all.
     */
    public record Group(long originalId, String matchType, List<Member> members) {
    }

    private final JdbcTemplate jdbc;
    private final SqlValues values;
    private final DecisionLog decisions;

    DuplicateReview(JdbcTemplate jdbc, SqlValues values, DecisionLog decisions) {
        this.jdbc = jdbc;
        this.values = values;
        this.decisions = decisions;
    }

    /** Groups of one match type (or both when null), largest first; within a group the best to keep first. */
    @Transactional(readOnly = true)
    public List<Group> groups(String matchType) {
        return groups(matchType, null);
    }

    /** The same, showing only files in the {@code visible} libraries (null: all); a group left with one file is not shown. */
    @Transactional(readOnly = true)
    public List<Group> groups(String matchType, java.util.Set<Long> visible) {
        List<Group> groups = load(matchType, null, visible);
        groups.sort(Comparator.comparing((Group g) -> g.matchType()).thenComparing(g -> -g.members().size()));
        return groups;
    }

    /** A page of groups and where the next one starts ({@code "matchType:originalId"}; null on the last page). */
    public record GroupPage(List<Group> groups, String next) {
    }

    /**
     * Groups in a stable order (match type, then the original's id) from after {@code after}, at most
     * {@code limit}: a review of 10,000 groups reads one page at a time, never all of them.
     */
    @Transactional(readOnly = true)
    public GroupPage page(String matchType, String after, int limit, java.util.Set<Long> visible) {
        String afterType = "";
        long afterId = 0;
        if (after != null && !after.isBlank()) {
            String[] parts = after.split(":", 2);
            try {
                afterType = parts[0];
                afterId = Long.parseLong(parts[1]);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("after: '" + after + "' is not where a page of groups ends");
            }
        }
        List<Object[]> originals = jdbc.query("""
                SELECT DISTINCT match_type, duplicate_of_id FROM duplicates
                WHERE (CAST(? AS TEXT) IS NULL OR match_type = ?) AND (match_type > ? OR (match_type = ? AND duplicate_of_id > ?))
                ORDER BY match_type, duplicate_of_id LIMIT ?""",
                (rows, n) -> new Object[] {rows.getString(1), rows.getLong(2)}, matchType, matchType, afterType, afterType, afterId, limit + 1);
        boolean more = originals.size() > limit;
        List<Object[]> wanted = more ? originals.subList(0, limit) : originals;
        if (wanted.isEmpty()) return new GroupPage(List.of(), null);
        // Each group is one (match type, original) pair: an original with both an exact and a near group is two groups.
        List<String> keys = wanted.stream().map(o -> o[0] + ":" + o[1]).toList();
        List<Group> groups = load(matchType, keys, visible);
        Object[] last = wanted.get(wanted.size() - 1);
        return new GroupPage(groups, more ? last[0] + ":" + last[1] : null);
    }

    /** The groups of these "matchType:originalId" keys (all when null), in the order of match type and original id, best member first. */
    private List<Group> load(String matchType, List<String> originals, java.util.Set<Long> visible) {
        if (visible != null && visible.isEmpty()) return new ArrayList<>();
        Map<String, List<Member>> byGroup = new LinkedHashMap<>();
        jdbc.query("""
                SELECT g.original_id, g.match_type, f.id, l.root_path, f.path, f.size_bytes, f.mime_type, m.width, m.height,
                       f.detected_at, g.similarity,
                       (CASE WHEN m.camera_make IS NULL THEN 0 ELSE 1 END) + (CASE WHEN m.camera_model IS NULL THEN 0 ELSE 1 END)
                     + (CASE WHEN m.lens IS NULL THEN 0 ELSE 1 END) + (CASE WHEN m.latitude IS NULL THEN 0 ELSE 1 END)
                     + (CASE WHEN m.iso IS NULL THEN 0 ELSE 1 END) + (CASE WHEN f.confidence IN ('high', 'medium') THEN 1 ELSE 0 END),
                       (SELECT max(d.decision_type) FROM user_decisions d WHERE d.file_id = f.id
                          AND d.decision_type IN ('keep_duplicate', 'discard_duplicate') AND d.applied_at IS NULL)
                FROM (SELECT duplicate_of_id AS original_id, match_type, file_id, similarity FROM duplicates
                      UNION ALL SELECT DISTINCT duplicate_of_id, match_type, duplicate_of_id, 1.0 FROM duplicates) g
                JOIN files f ON f.id = g.file_id JOIN libraries l ON l.id = f.library_id
                LEFT JOIN file_metadata m ON m.file_id = f.id
                WHERE (CAST(? AS TEXT) IS NULL OR g.match_type = ?) AND f.status <> 'missing'"""
                + (visible == null ? "" : " AND f.library_id IN (" + String.join(", ", java.util.Collections.nCopies(visible.size(), "?")) + ")")
                + (originals == null ? "" : " AND g.match_type || ':' || CAST(g.original_id AS TEXT) IN ("
                        + String.join(", ", java.util.Collections.nCopies(originals.size(), "?")) + ")")
                + " ORDER BY g.match_type, g.original_id", rows -> {
            int width = rows.getInt(8);
            Integer w = rows.wasNull() ? null : width;
            int height = rows.getInt(9);
            Integer h = rows.wasNull() ? null : height;
            Member member = new Member(rows.getLong(3), java.nio.file.Path.of(rows.getString(4)).resolve(rows.getString(5)).toString(),
                    rows.getLong(6), rows.getString(7), w, h, values.getInstant(rows, 10), rows.getDouble(11), rows.getInt(12),
                    rows.getString(13));
            byGroup.computeIfAbsent(rows.getLong(1) + ":" + rows.getString(2), k -> new ArrayList<>()).add(member);
        }, arguments(matchType, visible, originals));
        List<Group> groups = new ArrayList<>();
        byGroup.forEach((key, members) -> {
            if (members.size() < 2) return;
            members.sort(BEST_FIRST);
            String[] parts = key.split(":");
            long original = Long.parseLong(parts[0]);
            // A caller who cannot see the group's original is not told its id: the group goes by its best visible copy.
            boolean shown = members.stream().anyMatch(m -> m.fileId() == original);
            groups.add(new Group(shown ? original : members.get(0).fileId(), parts[1], members));
        });
        return groups;
    }

    private static Object[] arguments(String matchType, java.util.Set<Long> visible, List<String> originals) {
        List<Object> arguments = new ArrayList<>(java.util.Arrays.asList(matchType, matchType));
        if (visible != null) arguments.addAll(new java.util.TreeSet<>(visible));
        if (originals != null) arguments.addAll(originals);
        return arguments.toArray();
    }

    /** Largest picture, then an original format rather than a conversion, then richest metadata, then largest file. */
    static final Comparator<Member> BEST_FIRST = Comparator.comparingLong(Member::pixels).reversed()
            .thenComparingInt(m -> formatRank(m.mimeType()))
            .thenComparing(Comparator.comparingInt(Member::metadataFields).reversed())
            .thenComparing(Comparator.comparingLong(Member::sizeBytes).reversed())
            .thenComparingLong(Member::fileId);

    private static int formatRank(String mime) {
        if (mime == null) return 5;
        if (mime.contains("raw") || mime.contains("x-canon") || mime.contains("x-nikon") || mime.contains("dng")) return 0;
        if (mime.equals("image/tiff") || mime.equals("image/png")) return 1;
        if (mime.equals("image/jpeg") || mime.equals("image/heic")) return 2;
        if (mime.equals("image/webp") || mime.equals("image/gif")) return 3;
        return 4;
    }

    /** Keep this file: the other members of its groups are marked to be discarded in its favour. */
    @Transactional
    public int keep(long fileId) {
        return keep(fileId, null);
    }

    /** The same, marking only copies in the {@code visible} libraries (null: all): a user decides for what they can see. */
    @Transactional
    public int keep(long fileId, java.util.Set<Long> visible) {
        List<Long> others = jdbc.queryForList("""
                SELECT file_id FROM duplicates WHERE duplicate_of_id = (SELECT duplicate_of_id FROM duplicates WHERE file_id = ?)
                UNION SELECT duplicate_of_id FROM duplicates WHERE file_id = ?
                UNION SELECT file_id FROM duplicates WHERE duplicate_of_id = ?""", Long.class, fileId, fileId, fileId);
        others.remove(fileId);
        if (visible != null) {
            Map<Long, Long> libraries = librariesOf(others);
            others.removeIf(other -> !visible.contains(libraries.get(other)));
        }
        if (others.isEmpty()) throw new NotFoundException("duplicate group of file", fileId);
        decisions.decideDuplicate(fileId, DecisionType.KEEP_DUPLICATE, Map.of());
        for (long other : others) decisions.decideDuplicate(other, DecisionType.DISCARD_DUPLICATE, Map.of("kept_file_id", fileId));
        return others.size();
    }

    /** A group a person keeps whole is at most this big: a larger one is decided copy by copy. */
    static final int LARGEST_KEEP_ALL = 100;

    /**
     * Keep every copy of the group of this type that the file is in (as its original or a copy):
     * each pair is recorded as not duplicates (so no detection proposes any of them again, identical
     * or similar), pending keep and discard decisions of the members are withdrawn, and the group
     * leaves the review. Returns how many files it held.
     */
    @Transactional
    public int keepAll(long fileId, MatchType matchType) {
        return keepAll(fileId, matchType, null);
    }

    /** The same for a caller who sees only the {@code visible} libraries: a group with a copy elsewhere is not theirs to keep whole. */
    @Transactional
    public int keepAll(long fileId, MatchType matchType, java.util.Set<Long> visible) {
        List<Long> originals = jdbc.queryForList("SELECT duplicate_of_id FROM duplicates WHERE file_id = ? AND match_type = ?", Long.class,
                fileId, matchType.value());
        long originalId = originals.isEmpty() ? fileId : originals.get(0);
        List<Long> members = new ArrayList<>(jdbc.queryForList("SELECT file_id FROM duplicates WHERE duplicate_of_id = ? AND match_type = ?",
                Long.class, originalId, matchType.value()));
        if (members.isEmpty()) throw new NotFoundException(matchType.value() + " duplicate group of file", fileId);
        members.add(0, originalId);
        if (visible != null && !visible.containsAll(librariesOf(members).values())) {
            throw new NotFoundException(matchType.value() + " duplicate group of file", fileId);
        }
        if (members.size() > LARGEST_KEEP_ALL) {
            throw new IllegalArgumentException("keepAll: a group of " + members.size() + " files is over " + LARGEST_KEEP_ALL
                    + "; keep or discard its copies one by one");
        }
        for (int i = 0; i < members.size(); i++) {
            decisions.withdrawDuplicateDecision(members.get(i));
            for (int j = i + 1; j < members.size(); j++) {
                decisions.record(members.get(i), DecisionType.NOT_DUPLICATE, Map.of("other_file_id", members.get(j)));
            }
        }
        jdbc.update("DELETE FROM duplicates WHERE duplicate_of_id = ? AND match_type = ?", originalId, matchType.value());
        return members.size();
    }

    /** The library of each of these files, in one query. */
    private Map<Long, Long> librariesOf(List<Long> files) {
        Map<Long, Long> libraries = new java.util.HashMap<>();
        if (files.isEmpty()) return libraries;
        jdbc.query("SELECT id, library_id FROM files WHERE id IN (" + String.join(", ", java.util.Collections.nCopies(files.size(), "?")) + ")",
                rows -> { libraries.put(rows.getLong(1), rows.getLong(2)); }, files.toArray());
        return libraries;
    }

    /** Discard this file in favour of a kept copy (by default its group's original). */
    @Transactional
    public void discard(long fileId, Long keptFileId) {
        Long kept = keptFileId;
        if (kept == null) {
            List<Long> originals = jdbc.queryForList("SELECT duplicate_of_id FROM duplicates WHERE file_id = ? ORDER BY match_type", Long.class, fileId);
            if (originals.isEmpty()) throw new NotFoundException("duplicate group of file", fileId + " (it is its group's original: keep another copy instead)");
            kept = originals.get(0);
        }
        if (kept == fileId) throw new IllegalArgumentException("keep: a file cannot be discarded in favour of itself");
        decisions.decideDuplicate(fileId, DecisionType.DISCARD_DUPLICATE, Map.of("kept_file_id", kept));
    }

    /**
     * These two files are not duplicates: they are never proposed as a pair again. A file paired
     * with itself is refused here, so every door (the CLI, the API) refuses it alike.
     */
    @Transactional
    public void notDuplicates(long fileId, long otherFileId) {
        if (fileId == otherFileId) throw new IllegalArgumentException("otherFileId: a file cannot be distinct from itself");
        decisions.record(fileId, DecisionType.NOT_DUPLICATE, Map.of("other_file_id", otherFileId));
        jdbc.update("DELETE FROM duplicates WHERE match_type = ? AND ((file_id = ? AND duplicate_of_id = ?) OR (file_id = ? AND duplicate_of_id = ?))",
                MatchType.PERCEPTUAL.value(), fileId, otherFileId, otherFileId, fileId);
    }
}
