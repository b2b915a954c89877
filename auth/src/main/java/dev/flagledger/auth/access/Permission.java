package dev.flagledger.auth.access;

import java.util.Locale;
import java.util.Optional;

/**
 * What a grant lets its holder do. Editors and approvers both read; they are separate powers (an
 * approver reviews other people's changes without editing, approval workflows will build on it);
 * an admin may do everything, including SDK key and environment management.
 */
public enum Permission {
    VIEWER, EDITOR, APPROVER, ADMIN;

    public boolean implies(Permission needed) {
        return this == needed || this == ADMIN || needed == VIEWER;
    }

    /** The lower-case name as it appears in roles and groups ({@code editor}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Permission> parse(String label) {
        for (Permission permission : values()) if (permission.label().equals(label)) return Optional.of(permission);
        return Optional.empty();
    }
}
