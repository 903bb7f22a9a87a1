package org.archivist.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import org.archivist.testing.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;

/** The OpenAPI document describes every endpoint the server has, no more and no fewer. */
class OpenApiTest extends ApiTest {

    @Test
    void theDocumentListsEveryHandlerMappingUnderApi() {
        Set<String> handled = new TreeSet<>();
        server.getBeansOfType(RequestMappingHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMethods().forEach((info, method) -> {
                    if (!method.getBeanType().getPackageName().startsWith("org.archivist")) return;
                    for (String path : info.getPatternValues()) {
                        if (!path.startsWith("/api/")) continue;
                        info.getMethodsCondition().getMethods().forEach(verb -> handled.add(verb.name() + " " + path));
                    }
                }));
        assertThat(handled).as("the API has endpoints").hasSizeGreaterThan(10);

        Answer document = get("/api/openapi.json");
        assertThat(document.status()).isEqualTo(200);
        Set<String> described = new TreeSet<>();
        JsonNode paths = document.json().get("paths");
        for (String path : paths.propertyNames()) {
            for (String verb : paths.get(path).propertyNames()) described.add(verb.toUpperCase() + " " + path);
        }
        assertThat(described).isEqualTo(handled);
        assertThat(get("/api/docs").status()).as("the interactive page").isIn(200, 302);
    }
}
