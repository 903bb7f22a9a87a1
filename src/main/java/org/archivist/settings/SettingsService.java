package org.archivist.settings;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Settings and scheduled tasks, with the defaults a new catalogue is seeded with. */
@Service
public class SettingsService implements org.archivist.jobs.JobConcurrency {

    /** Default settings: key, value, description. */
    static final Map<String, Map.Entry<Object, String>> DEFAULT_SETTINGS = defaults();

    static final List<SettingsSchemas.TaskCreate> DEFAULT_TASKS = List.of(
            new SettingsSchemas.TaskCreate("nightly-scan", "scan", "0 3 * * *", Map.of("libraries", "all"), true),
            new SettingsSchemas.TaskCreate("nightly-hash", "hash", "30 3 * * *", Map.of("libraries", "all"), true),
            new SettingsSchemas.TaskCreate("weekly-duplicates", "dedup", "0 4 * * 0", Map.of("match", "exact+perceptual"), true),
            // Proposes only, and still off until a person turns it on: nothing is analysed behind anyone's back.
            new SettingsSchemas.TaskCreate("weekly-analysis", "analysis", "0 5 * * 0", Map.of(), false),
            // Off until a Stash server is set up and a person turns it on.
            new SettingsSchemas.TaskCreate("hourly-stash-import", "stash_import", "15 * * * *", Map.of(), false));

    private final SettingRepository settings;
    private final ScheduledTaskRepository tasks;
    private final JsonMapper json;

    SettingsService(SettingRepository settings, ScheduledTaskRepository tasks, JsonMapper json) {
        this.settings = settings;
        this.tasks = tasks;
        this.json = json;
    }

    private static Map<String, Map.Entry<Object, String>> defaults() {
        Map<String, Map.Entry<Object, String>> values = new LinkedHashMap<>();
        values.put("scan.batch_size", Map.entry(500, "Files committed per transaction during a scan"));
        values.put("scan.ffprobe_timeout_seconds", Map.entry(30, "Longest ffprobe may take on one file"));
        values.put("dedup.phash_max_distance", Map.entry(10, "Largest Hamming distance between perceptual hashes of near duplicates"));
        values.put("dedup.video_duration_tolerance_seconds", Map.entry(2, "Largest duration difference of near-duplicate videos"));
        values.put("trash.retention_days", Map.entry(30, "Days a discarded file stays in the trash before it may be emptied"));
        values.put("jobs.concurrency", Map.entry(2, "Background jobs the server runs at once"));
        values.put("upload.max_megabytes", Map.entry(4096, "Largest file an upload may bring, in MiB"));
        values.put("upload.folder", Map.entry("Import", "Folder under a library's root that uploads go to"));
        return values;
    }

    /** Setting {@code jobs.concurrency}: the server's background workers. */
    @Override
    public int workers() {
        return intValue("jobs.concurrency");
    }

    /** The setting as a whole number, or its default when unset or not a number. */
    @Transactional(readOnly = true)
    public int intValue(String key) {
        Object fallback = DEFAULT_SETTINGS.get(key).getKey();
        return value(key).filter(JsonNode::isIntegralNumber).map(JsonNode::asInt).orElse((Integer) fallback);
    }

    @Transactional(readOnly = true)
    public Optional<JsonNode> value(String key) {
        return settings.findById(key).map(Setting::getValue);
    }

    /** Whole-number settings and the values each allows. */
    private static final Map<String, int[]> RANGES = Map.of(
            "scan.batch_size", new int[] {1, 10_000}, "scan.ffprobe_timeout_seconds", new int[] {1, 3_600},
            "dedup.phash_max_distance", new int[] {0, 32}, "dedup.video_duration_tolerance_seconds", new int[] {0, 3_600},
            "trash.retention_days", new int[] {0, 36_500}, "jobs.concurrency", new int[] {1, 16},
            "upload.max_megabytes", new int[] {1, 1_048_576});

    /** Every known setting with its value (the default where none was stored) and what it means. */
    @Transactional(readOnly = true)
    public List<SettingsSchemas.SettingResponse> all() {
        List<SettingsSchemas.SettingResponse> all = new java.util.ArrayList<>();
        DEFAULT_SETTINGS.forEach((key, entry) -> {
            Optional<Setting> stored = settings.findById(key);
            all.add(stored.map(SettingsSchemas.SettingResponse::of)
                    .orElseGet(() -> new SettingsSchemas.SettingResponse(key, json.valueToTree(entry.getKey()), entry.getValue(), null)));
        });
        return all;
    }

    /**
     * Changes a known setting, checked against its kind: a whole number within its range, or text.
     * An unknown key is refused: a misspelt setting would otherwise be stored and never read.
     */
    @Transactional
    public Setting change(String key, SettingsSchemas.SettingUpdate request) {
        Map.Entry<Object, String> known = DEFAULT_SETTINGS.get(key);
        if (known == null) throw new org.archivist.db.NotFoundException("setting", key + " (known: " + String.join(", ", DEFAULT_SETTINGS.keySet()) + ")");
        JsonNode value = request.value();
        if (value == null) throw new IllegalArgumentException("value: required");
        if (known.getKey() instanceof Integer) {
            int[] range = RANGES.get(key);
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < range[0] || value.asInt() > range[1]) {
                throw new IllegalArgumentException("value: " + key + " takes a whole number from " + range[0] + " to " + range[1] + ", not " + value);
            }
        } else if (!value.isString() || value.asString().isBlank() || value.asString().length() > 500 || value.asString().indexOf('\0') >= 0) {
            throw new IllegalArgumentException("value: " + key + " takes text of 1-500 characters, not " + value);
        }
        return put(new SettingsSchemas.SettingCreate(key, value, known.getValue()));
    }

    @Transactional
    public Setting put(SettingsSchemas.SettingCreate request) {
        Setting setting = settings.findById(request.key())
                .orElseGet(() -> new Setting(request.key(), request.value(), request.description()));
        setting.setValue(request.value());
        if (request.description() != null) {
            setting.setDescription(request.description());
        }
        return settings.save(setting);
    }

    @Transactional
    public ScheduledTask createTask(SettingsSchemas.TaskCreate request, Instant now, ZoneId zone) {
        ScheduledTask task = new ScheduledTask(request.name(), request.taskType(), request.schedule(),
                request.config() == null ? Map.of() : request.config());
        if (request.enabled() != null) {
            task.setEnabled(request.enabled());
        }
        task.planNextRun(now, zone);
        return tasks.save(task);
    }

    @Transactional(readOnly = true)
    public Optional<ScheduledTask> task(String name) {
        return tasks.findByName(name);
    }

    @Transactional(readOnly = true)
    public java.util.List<ScheduledTask> tasks() {
        return tasks.findAll(org.springframework.data.domain.Sort.by("name"));
    }

    /** Changes a task's schedule, zone, settings or state; the next run is computed again from {@code now}. */
    @Transactional
    public ScheduledTask updateTask(String name, SettingsSchemas.TaskUpdate request, Instant now, ZoneId fallback) {
        ScheduledTask task = tasks.findByName(name).orElseThrow(() -> new org.archivist.db.NotFoundException("scheduled task", name));
        if (request.schedule() != null) task.setSchedule(request.schedule());
        if (request.timeZone() != null) task.setTimeZone(request.timeZone());
        if (request.config() != null) task.setConfig(request.config());
        if (request.enabled() != null) task.setEnabled(request.enabled());
        task.planNextRun(now, fallback);
        return task;
    }

    /** A run was started as {@code job} at {@code at}; the next is at {@code next}. */
    @Transactional
    public void recordRun(String name, org.archivist.jobs.Job job, Instant at, Instant next) {
        tasks.findByName(name).ifPresent(task -> {
            task.recordRun(job, at);
            task.setNextRun(next);
        });
    }

    /** Adds the default settings and scheduled tasks that are missing; never changes existing ones. */
    @Transactional
    public SeedResult seedDefaults(Instant now, ZoneId zone) {
        int settingsAdded = 0;
        for (var entry : DEFAULT_SETTINGS.entrySet()) {
            if (!settings.existsById(entry.getKey())) {
                settings.save(new Setting(entry.getKey(), json.valueToTree(entry.getValue().getKey()), entry.getValue().getValue()));
                settingsAdded++;
            }
        }
        int tasksAdded = 0;
        for (SettingsSchemas.TaskCreate task : DEFAULT_TASKS) {
            if (tasks.findByName(task.name()).isEmpty()) {
                createTask(task, now, zone);
                tasksAdded++;
            }
        }
        return new SeedResult(settingsAdded, tasksAdded);
    }

    public record SeedResult(int settingsAdded, int tasksAdded) {
    }
}
