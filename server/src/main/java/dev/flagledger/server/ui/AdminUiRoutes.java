package dev.flagledger.server.ui;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The admin UI is a single-page app: its client-side routes are all answered with the same shell,
 * which then renders the page. Only the UI's own route prefixes fall back, so an unknown path is
 * still a 401/404 rather than a page.
 */
@Controller
public class AdminUiRoutes {

    @GetMapping({"/sign-in", "/signed-in", "/projects", "/projects/", "/projects/**"})
    String shell() {
        return "forward:/index.html";
    }
}
