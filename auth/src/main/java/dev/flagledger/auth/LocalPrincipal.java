package dev.flagledger.auth;

/** A user of the built-in account store (the embedded default has one: the local admin). */
public record LocalPrincipal(String username, String displayName) {
}
