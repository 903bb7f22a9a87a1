package org.archivist.organize;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.archivist.jobs.JobSchemas;
import org.archivist.validation.RequestValidator;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The organize API (docs/organize.md): a library's layout, previews, apply and undo. Admins only. */
@RestController
@RequestMapping("/api/organize")
class OrganizeController {

    /** Settings as sent: mode {@code move} or {@code copy}, a destination (empty: in place), layouts by kind. */
    record SettingsRequest(String mode, @Size(max = 4000) String destination, Map<String, @Size(max = 1000) String> templates, Boolean xmpIntoOriginals) {
    }

    /** Settings as they apply, with every kind's layout (the library's own or the default). */
    record SettingsResponse(String mode, String destination, Map<String, String> templates, Map<String, String> effectiveTemplates, boolean xmpIntoOriginals,
                            List<String> variables) {
        static SettingsResponse of(OrganizeSettings settings) {
            Map<String, String> own = new HashMap<>();
            settings.templates().forEach((kind, text) -> own.put(kind.value(), text));
            return new SettingsResponse(settings.mode().value(), settings.destination(), own, settings.effectiveTemplates(), settings.xmpIntoOriginals(),
                    List.copyOf(PathTemplate.VARIABLES.keySet()));
        }
    }

    private final OrganizeSettingsStore settings;
    private final OrganizePreview preview;
    private final OrganizeApplier applier;
    private final OrganizeUndo undo;
    private final OrganizeRuns runs;
    private final RequestValidator validator;
    private final SidecarWriter sidecars;

    OrganizeController(OrganizeSettingsStore settings, OrganizePreview preview, OrganizeApplier applier, OrganizeUndo undo, OrganizeRuns runs,
                       RequestValidator validator, SidecarWriter sidecars) {
        this.sidecars = sidecars;
        this.settings = settings;
        this.preview = preview;
        this.applier = applier;
        this.undo = undo;
        this.runs = runs;
        this.validator = validator;
    }

    @GetMapping("/libraries/{id}/settings")
    SettingsResponse settings(@PathVariable long id) {
        return SettingsResponse.of(settings.get(id));
    }

    @PutMapping("/libraries/{id}/settings")
    SettingsResponse save(@PathVariable long id, @RequestBody SettingsRequest request) {
        validator.validate(request);
        return SettingsResponse.of(settings.save(id, OrganizeSettings.of(request.mode(), request.destination(), request.templates(), request.xmpIntoOriginals())));
    }

    /** Writes the library's XMP sidecars as a job (202 with the job). */
    @PostMapping("/libraries/{id}/sidecars")
    @ResponseStatus(HttpStatus.ACCEPTED)
    JobSchemas.Response sidecars(@PathVariable long id) {
        return JobSchemas.Response.of(sidecars.submit(id));
    }

    @GetMapping("/libraries/{id}/runs")
    List<OrganizeRuns.Run> runs(@PathVariable long id) {
        return runs.runs(id);
    }

    /** Computes the preview: every move, conflict and skipped file; nothing moves. */
    @PostMapping("/libraries/{id}/preview")
    @ResponseStatus(HttpStatus.CREATED)
    OrganizeRuns.Run preview(@PathVariable long id) {
        return preview.preview(id);
    }

    @GetMapping("/runs/{id}")
    OrganizeRuns.Run run(@PathVariable long id) {
        return runs.run(id);
    }

    @GetMapping("/runs/{id}/moves")
    List<OrganizeRuns.Move> moves(@PathVariable long id, @RequestParam(required = false) String state, @RequestParam(defaultValue = "0") @Min(0) int offset,
                                  @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        runs.run(id);
        OrganizeRuns.State wanted;
        try {
            wanted = state == null || state.isBlank() ? null : OrganizeRuns.State.of(state);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state: '" + state + "' is not one of planned, moving, placed, done, unchanged, duplicate, skipped, failed");
        }
        return runs.moves(id, wanted, Math.max(0, offset), Math.max(1, Math.min(1000, limit)));
    }

    /** Applies a preview as a job (202 with the job). */
    @PostMapping("/runs/{id}/apply")
    @ResponseStatus(HttpStatus.ACCEPTED)
    JobSchemas.Response apply(@PathVariable long id) {
        return JobSchemas.Response.of(applier.submit(id));
    }

    /** Computes the undo of an applied run, as a preview of its own to apply. */
    @PostMapping("/runs/{id}/undo")
    @ResponseStatus(HttpStatus.CREATED)
    OrganizeRuns.Run undo(@PathVariable long id) {
        return undo.undo(id);
    }
}
