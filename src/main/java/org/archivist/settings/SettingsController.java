package org.archivist.settings;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Settings over HTTP: read all, change one, each checked against its kind; unknown keys refused. */
@RestController
class SettingsController {

    private final SettingsService settings;

    SettingsController(SettingsService settings) {
        this.settings = settings;
    }

    @GetMapping("/api/settings")
    List<SettingsSchemas.SettingResponse> all() {
        return settings.all();
    }

    @PutMapping("/api/settings/{key}")
    SettingsSchemas.SettingResponse change(@PathVariable String key, @RequestBody SettingsSchemas.SettingUpdate request) {
        return SettingsSchemas.SettingResponse.of(settings.change(key, request));
    }
}
