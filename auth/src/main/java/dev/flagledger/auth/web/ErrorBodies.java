package dev.flagledger.auth.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Security refusals in the shape each client expects: a GraphQL error with {@code extensions.code}
 * on the GraphQL endpoint, RFC 9457 problem+json everywhere else. The texts are fixed, never echo input.
 */
final class ErrorBodies {
    private ErrorBodies() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, int status, String code,
                      String title, String detail) throws IOException {
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (request.getRequestURI().startsWith(request.getContextPath() + "/graphql")) {
            response.setContentType("application/graphql-response+json");
            response.getWriter().write("{\"errors\":[{\"message\":\"" + detail + "\",\"extensions\":{\"code\":\""
                    + code + "\"}}]}");
        } else {
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                    + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}");
        }
    }
}
