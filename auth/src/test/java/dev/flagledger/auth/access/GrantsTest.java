package dev.flagledger.auth.access;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.flagledger.auth.access.Permission.ADMIN;
import static dev.flagledger.auth.access.Permission.APPROVER;
import static dev.flagledger.auth.access.Permission.EDITOR;
import static dev.flagledger.auth.access.Permission.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

class GrantsTest {

    @Test
    void an_environment_editor_edits_that_environment_only_and_reads_the_project() {
        Grants bob = Grants.of(List.of(new Grant(EDITOR, "demo", "staging")));

        assertThat(bob.allow(EDITOR, Scope.environment("demo", "staging"))).isTrue();
        assertThat(bob.allow(EDITOR, Scope.environment("demo", "production"))).isFalse();
        assertThat(bob.allow(EDITOR, Scope.project("demo"))).isFalse();
        assertThat(bob.allow(VIEWER, Scope.project("demo"))).isTrue();
        assertThat(bob.canSee("demo")).isTrue();
        assertThat(bob.canSee("shop")).isFalse();
        assertThat(bob.allow(VIEWER, Scope.GLOBAL)).isFalse();
    }

    @Test
    void a_project_grant_stays_in_its_project() {
        Grants erin = Grants.of(List.of(new Grant(EDITOR, "shop", null)));

        assertThat(erin.allow(EDITOR, Scope.environment("shop", "production"))).isTrue();
        assertThat(erin.allow(EDITOR, Scope.project("demo"))).isFalse();
        assertThat(erin.allow(ADMIN, Scope.project("shop"))).isFalse();
    }

    @Test
    void admin_implies_everything_and_editor_and_approver_are_separate_powers() {
        assertThat(ADMIN.implies(APPROVER)).isTrue();
        assertThat(EDITOR.implies(VIEWER)).isTrue();
        assertThat(EDITOR.implies(APPROVER)).isFalse();
        assertThat(APPROVER.implies(EDITOR)).isFalse();
        assertThat(VIEWER.implies(EDITOR)).isFalse();
    }

    @Test
    void nobody_with_no_grants_may_do_or_see_anything() {
        assertThat(Grants.NONE.allow(VIEWER, Scope.project("demo"))).isFalse();
        assertThat(Grants.NONE.canSee("demo")).isFalse();
    }
}
