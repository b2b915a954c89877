package dev.flagledger.domain.privacy;

/**
 * Whose personal data: an {@code ACTOR} is a person who changes things (named by the subject their
 * identity provider gives them, e.g. {@code local:admin} or a Keycloak user id); a {@code USER} is an
 * end user of the evaluated application, named by the targeting key that flags and segments list.
 */
public enum DataSubjectKind {
    ACTOR, USER
}
