package org.archivist.organize;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.archivist.db.Instants;
import org.archivist.db.NotFoundException;
import org.archivist.db.SqlValues;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Organize runs and their journal of moves ({@code organize_runs}, {@code organize_moves}). */
@Service
public class OrganizeRuns {

    /** A run: a preview until applied; {@code undoesRunId} when it puts another run's files back. */
    public record Run(long id, long libraryId, Long undoesRunId, String status, OrganizeSettings.Mode mode, String sourceRoot, String destination,
                      Instant createdAt, Instant appliedAt, Map<String, Long> counts) {
    }

    /**
     * One file's move. Paths are absolute. A sidecar's {@code sidecarOf} is its file's move. A
     * move without a target removes a copy this run's undo no longer keeps.
     */
    public record Move(long id, Long fileId, Long sidecarOf, String sourcePath, String targetPath, Long targetLibraryId, String sha256,
                       Long sizeBytes, State state, String reason) {
    }

    /** A move to be written into a new run; sidecars follow their file in the list and name it by index. */
    record NewMove(Long fileId, Integer sidecarOfIndex, String sourcePath, String targetPath, Long targetLibraryId, String sha256, Long sizeBytes,
                   State state, String reason) {
    }

    /** Where a move is in its journal; the last five are where it ended. */
    public enum State {
        PLANNED, MOVING, PLACED, DONE, UNCHANGED, DUPLICATE, SKIPPED, FAILED;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static State of(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private static final String MOVE_COLUMNS = "id, file_id, sidecar_of, source_path, target_path, target_library_id, sha256, size_bytes, state, reason";

    private final JdbcTemplate jdbc;
    private final SqlValues values;

    OrganizeRuns(JdbcTemplate jdbc, SqlValues values) {
        this.jdbc = jdbc;
        this.values = values;
    }

    /** Writes a run with its moves, in the caller's transaction; answers its id. */
    long create(long libraryId, Long undoesRunId, OrganizeSettings.Mode mode, String sourceRoot, String destination, String settingsJson,
                List<NewMove> moves) {
        Long run = jdbc.query(connection -> {
            var insert = connection.prepareStatement("INSERT INTO organize_runs (library_id, undoes_run_id, status, mode, source_root, destination, settings,"
                    + " created_at) VALUES (?, ?, 'preview', ?, ?, ?, " + values.jsonParameter() + ", ?) RETURNING id");
            insert.setLong(1, libraryId);
            SqlValues.setNullable(insert, 2, undoesRunId);
            insert.setString(3, mode.value());
            insert.setString(4, sourceRoot);
            insert.setString(5, destination);
            insert.setString(6, settingsJson);
            values.setInstant(insert, 7, Instants.now());
            return insert;
        }, rows -> {
            rows.next();
            return rows.getLong(1);
        });
        // Files first (their ids read back in order), then sidecars naming them.
        List<NewMove> files = moves.stream().filter(m -> m.sidecarOfIndex() == null).toList();
        insert(run, files, null);
        List<Long> ids = jdbc.queryForList("SELECT id FROM organize_moves WHERE run_id = ? ORDER BY id", Long.class, run);
        Map<Integer, Long> idByIndex = new java.util.HashMap<>();
        int fileNumber = 0;
        for (int i = 0; i < moves.size(); i++) if (moves.get(i).sidecarOfIndex() == null) idByIndex.put(i, ids.get(fileNumber++));
        insert(run, moves.stream().filter(m -> m.sidecarOfIndex() != null).toList(), idByIndex);
        return run;
    }

    private void insert(long run, List<NewMove> moves, Map<Integer, Long> idByIndex) {
        Instant now = Instants.now();
        jdbc.batchUpdate("INSERT INTO organize_moves (run_id, file_id, sidecar_of, source_path, target_path, target_library_id, sha256, size_bytes, state, reason,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", moves, 1000, (ps, move) -> {
                    ps.setLong(1, run);
                    SqlValues.setNullable(ps, 2, move.fileId());
                    SqlValues.setNullable(ps, 3, idByIndex == null ? null : idByIndex.get(move.sidecarOfIndex()));
                    ps.setString(4, move.sourcePath());
                    ps.setString(5, move.targetPath());
                    SqlValues.setNullable(ps, 6, move.targetLibraryId());
                    ps.setString(7, move.sha256());
                    SqlValues.setNullable(ps, 8, move.sizeBytes());
                    ps.setString(9, move.state().value());
                    ps.setString(10, move.reason());
                    values.setInstant(ps, 11, now);
                });
    }

    public Run run(long id) {
        List<Run> found = jdbc.query("SELECT id, library_id, undoes_run_id, status, mode, source_root, destination, created_at, applied_at FROM organize_runs WHERE id = ?",
                (rows, n) -> new Run(rows.getLong(1), rows.getLong(2), rows.getObject(3) == null ? null : rows.getLong(3), rows.getString(4),
                        OrganizeSettings.Mode.of(rows.getString(5)), rows.getString(6), rows.getString(7), values.getInstant(rows, 8),
                        values.getInstant(rows, 9), counts(rows.getLong(1))), id);
        if (found.isEmpty()) throw new NotFoundException("organize run", id);
        return found.get(0);
    }

    /** The library's runs, newest first. */
    public List<Run> runs(long libraryId) {
        return jdbc.queryForList("SELECT id FROM organize_runs WHERE library_id = ? ORDER BY id DESC LIMIT 50", Long.class, libraryId).stream().map(this::run).toList();
    }

    /** The library's run being applied (or left half applied by a crash), if any. */
    public java.util.Optional<Long> applying(long libraryId) {
        return jdbc.queryForList("SELECT id FROM organize_runs WHERE library_id = ? AND status = 'applying' ORDER BY id LIMIT 1", Long.class, libraryId)
                .stream().findFirst();
    }

    /** Every library a run's files come from or go to. */
    List<Long> libraries(long runId) {
        List<Long> libraries = new ArrayList<>(jdbc.queryForList("SELECT library_id FROM organize_runs WHERE id = ?", Long.class, runId));
        for (Long target : jdbc.queryForList("SELECT DISTINCT target_library_id FROM organize_moves WHERE run_id = ? AND target_library_id IS NOT NULL",
                Long.class, runId)) {
            if (!libraries.contains(target)) libraries.add(target);
        }
        return libraries;
    }

    /** How many moves are in each state. */
    Map<String, Long> counts(long runId) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("SELECT state, count(*) FROM organize_moves WHERE run_id = ? GROUP BY state", rows -> {
            counts.put(rows.getString(1), rows.getLong(2));
        }, runId);
        return counts;
    }

    void status(long runId, String status) {
        jdbc.update("UPDATE organize_runs SET status = ?, applied_at = CASE WHEN ? THEN ? ELSE applied_at END WHERE id = ?", ps -> {
            ps.setString(1, status);
            ps.setBoolean(2, status.equals("applied"));
            values.setInstant(ps, 3, Instants.now());
            ps.setLong(4, runId);
        });
    }

    /** A page of the run's moves, in id order, of one state or all. */
    public List<Move> moves(long runId, State state, int offset, int limit) {
        return state == null
                ? jdbc.query("SELECT " + MOVE_COLUMNS + " FROM organize_moves WHERE run_id = ? ORDER BY id LIMIT ? OFFSET ?", this::move, runId, limit, offset)
                : jdbc.query("SELECT " + MOVE_COLUMNS + " FROM organize_moves WHERE run_id = ? AND state = ? ORDER BY id LIMIT ? OFFSET ?", this::move, runId,
                state.value(), limit, offset);
    }

    /** Files' moves (not sidecars') in these states after an id, in id order. */
    List<Move> filesIn(long runId, Collection<State> states, long afterId, int limit) {
        String in = String.join(", ", states.stream().map(s -> "'" + s.value() + "'").toList());
        return jdbc.query("SELECT " + MOVE_COLUMNS + " FROM organize_moves WHERE run_id = ? AND sidecar_of IS NULL AND state IN (" + in + ") AND id > ? ORDER BY id LIMIT ?",
                this::move, runId, afterId, limit);
    }

    /** Moves in these states (files and sidecars), in id order. */
    List<Move> in(long runId, Collection<State> states) {
        String in = String.join(", ", states.stream().map(s -> "'" + s.value() + "'").toList());
        return jdbc.query("SELECT " + MOVE_COLUMNS + " FROM organize_moves WHERE run_id = ? AND state IN (" + in + ") ORDER BY id", this::move, runId);
    }

    /** The sidecars of these files' moves, by their file's move. */
    Map<Long, List<Move>> sidecarsOf(Collection<Long> moveIds) {
        Map<Long, List<Move>> sidecars = new LinkedHashMap<>();
        List<Long> all = new ArrayList<>(moveIds);
        for (int from = 0; from < all.size(); from += 500) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + 500));
            jdbc.query("SELECT " + MOVE_COLUMNS + " FROM organize_moves WHERE sidecar_of IN (" + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"))
                    + ") ORDER BY id", rows -> {
                Move move = move(rows, 0);
                sidecars.computeIfAbsent(move.sidecarOf(), id -> new ArrayList<>()).add(move);
            }, chunk.toArray());
        }
        return sidecars;
    }

    /** A new state (and reason, and target where one is given) for each move, in one batch. */
    record Transition(long moveId, State state, String reason, String sha256) {
        Transition(long moveId, State state, String reason) {
            this(moveId, state, reason, null);
        }
    }

    void transition(List<Transition> transitions) {
        Instant now = Instants.now();
        jdbc.batchUpdate("UPDATE organize_moves SET state = ?, reason = coalesce(?, reason), sha256 = coalesce(?, sha256), updated_at = ? WHERE id = ?",
                transitions, 1000, (ps, t) -> {
                    ps.setString(1, t.state().value());
                    ps.setString(2, t.reason());
                    ps.setString(3, t.sha256());
                    values.setInstant(ps, 4, now);
                    ps.setLong(5, t.moveId());
                });
    }

    private Move move(java.sql.ResultSet rows, int n) throws java.sql.SQLException {
        return new Move(rows.getLong(1), rows.getObject(2) == null ? null : rows.getLong(2), rows.getObject(3) == null ? null : rows.getLong(3),
                rows.getString(4), rows.getString(5), rows.getObject(6) == null ? null : rows.getLong(6), rows.getString(7),
                rows.getObject(8) == null ? null : rows.getLong(8), State.of(rows.getString(9)), rows.getString(10));
    }
}
