package org.archivist.organize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.archivist.organize.OrganizeRuns.Move;
import org.archivist.organize.OrganizeRuns.NewMove;
import org.archivist.organize.OrganizeRuns.Run;
import org.archivist.organize.OrganizeRuns.State;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The undo of an applied run is a run of its own, applied by the same journal: every file it
 * moved goes back (last moved, first back), every copy it made is removed if it is still what was
 * copied. A place that is taken again, or a copy changed since, is reported and left alone.
 */
@Service
public class OrganizeUndo {

    private final OrganizeRuns runs;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    OrganizeUndo(OrganizeRuns runs, TransactionTemplate transactions, JsonMapper json) {
        this.runs = runs;
        this.transactions = transactions;
        this.json = json;
    }

    /** Computes the undo of an applied run as a preview to apply; answers it. */
    public Run undo(long runId) {
        Run run = runs.run(runId);
        if (!run.status().equals("applied")) throw new IllegalStateException("organize run " + runId + " is " + run.status() + ": only an applied run can be undone");
        if (run.undoesRunId() != null) throw new IllegalStateException("organize run " + runId + " is itself an undo; organize again instead");
        List<Move> done = runs.in(runId, List.of(State.DONE));
        List<Move> files = new ArrayList<>(done.stream().filter(m -> m.sidecarOf() == null).toList());
        Collections.reverse(files);
        Map<Long, List<Move>> sidecars = runs.sidecarsOf(files.stream().map(Move::id).toList());
        boolean copies = run.mode() == OrganizeSettings.Mode.COPY;
        List<NewMove> back = new ArrayList<>();
        for (Move file : files) {
            int index = back.size();
            back.add(reverse(file, null, copies, run.libraryId()));
            for (Move sidecar : sidecars.getOrDefault(file.id(), List.of())) {
                if (sidecar.state() == State.DONE) back.add(reverse(sidecar, index, copies, run.libraryId()));
            }
        }
        String settings = json.writeValueAsString(Map.of("undoes", runId));
        long undo = transactions.execute(status -> runs.create(run.libraryId(), runId, run.mode(), run.destination(), run.sourceRoot(), settings, back));
        return runs.run(undo);
    }

    private static NewMove reverse(Move move, Integer sidecarOf, boolean copies, long libraryId) {
        return copies
                ? new NewMove(move.fileId(), sidecarOf, move.targetPath(), null, null, move.sha256(), move.sizeBytes(), State.PLANNED, "remove the copy")
                : new NewMove(move.fileId(), sidecarOf, move.targetPath(), move.sourcePath(), libraryId, move.sha256(), move.sizeBytes(), State.PLANNED, null);
    }
}
