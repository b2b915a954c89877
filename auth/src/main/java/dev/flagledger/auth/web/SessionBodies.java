package dev.flagledger.auth.web;

import dev.flagledger.auth.CurrentActor;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The JSON a browser gets about its session: who is signed in, as the admin UI shows it. */
public final class SessionBodies {
    private SessionBodies() {
    }

    /** {@code {"authenticated":true,"subject":...,"displayName":...}} or {@code {"authenticated":false}}. */
    public static String describe(Authentication authentication) {
        return CurrentActor.of(authentication)
                .map(actor -> "{\"authenticated\":true,\"subject\":" + quote(actor.subject())
                        + ",\"displayName\":" + quote(actor.displayName()) + "}")
                .orElse("{\"authenticated\":false}");
    }

    static void signedIn(HttpServletResponse response, Authentication authentication) throws IOException {
        response.setStatus(200);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType("application/json");
        response.getWriter().write(describe(authentication));
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
