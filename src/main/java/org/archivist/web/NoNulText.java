package org.archivist.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * No text a request brings may hold a NUL character: PostgreSQL cannot store one, SQLite would, and a
 * name with one in it is a path-truncation trick. Refused at the edge, naming the field, for JSON
 * bodies (every string field) and for query and form parameters alike.
 */
final class NoNulText {

    private static final tools.jackson.databind.json.JsonMapper PROBLEMS = tools.jackson.databind.json.JsonMapper.builder().build();
    private static final String REASON = "contains a NUL character, which no text may hold";

    private NoNulText() {
    }

    /** Every JSON string of a request body; the API's error names the field from the parser's path. */
    @Component
    static class JsonStrings extends SimpleModule {
        JsonStrings() {
            super("no-nul-text");
            addDeserializer(String.class, new StringDeserializer() {
                @Override
                public String deserialize(JsonParser parser, DeserializationContext context) {
                    String text = super.deserialize(parser, context);
                    if (text != null && text.indexOf('\0') >= 0) return context.reportInputMismatch(this, REASON);
                    return text;
                }
            });
        }
    }

    /** Query and form parameters, names included. */
    @Component
    static class Parameters extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                boolean nul = parameter.getKey().indexOf('\0') >= 0;
                for (String value : parameter.getValue()) nul |= value.indexOf('\0') >= 0;
                if (nul) {
                    String field = parameter.getKey().replace('\0', '?');
                    response.setStatus(HttpStatus.BAD_REQUEST.value());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    response.setCharacterEncoding("UTF-8");
                    PROBLEMS.writeValue(response.getWriter(), Map.of("type", "about:blank", "title", "Bad Request", "status", 400,
                            "detail", field + ": " + REASON));
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }
}
