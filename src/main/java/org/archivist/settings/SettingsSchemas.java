package org.archivist.settings;

import java.time.Instant;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** Request and response shapes of settings and scheduled tasks. */
public final class SettingsSchemas {

    private SettingsSchemas() {
    }

    public record SettingCreate(
            @NotBlank @Size(max = 100) @Pattern(regexp = "^[a-z][a-z0-9_.]*$", message = "must be a dotted lower-case key such as scan.batch_size") String key,
            @NotNull JsonNode value, @Size(max = 500) String description) {
    }

    public record SettingUpdate(@NotNull JsonNode value, @Size(max = 500) String description) {
    }

    public record SettingResponse(String key, JsonNode value, String description, Instant updatedAt) {

        public static SettingResponse of(Setting setting) {
            return new SettingResponse(setting.getKey(), setting.getValue(), setting.getDescription(), setting.getUpdatedAt());
        }
    }

    public record TaskCreate(@NotBlank @Size(max = 100) String name,
                             @NotBlank @Pattern(regexp = "^[a-z_]{1,40}$", message = "must be a job type such as scan") String taskType,
                             @NotBlank @ValidCron String schedule, Map<String, Object> config, Boolean enabled) {
    }

    public record TaskUpdate(@ValidCron String schedule, @Size(max = 60) String timeZone, Map<String, Object> config, Boolean enabled) {
    }

    public record TaskResponse(long id, String name, String taskType, String schedule, String timeZone, Map<String, Object> config,
                               boolean enabled, Instant lastRun, Instant nextRun, Long lastJobId) {

        public static TaskResponse of(ScheduledTask task) {
            return new TaskResponse(task.getId(), task.getName(), task.getTaskType(), task.getSchedule(), task.getTimeZone(), task.getConfig(),
                    task.isEnabled(), task.getLastRun(), task.getNextRun(),
                    task.getLastJob() == null ? null : task.getLastJob().getId());
        }
    }
}
