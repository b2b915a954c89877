package dev.flagledger.privacy.subject;

import dev.flagledger.domain.flag.Target;
import dev.flagledger.domain.flag.Targeting;
import dev.flagledger.domain.privacy.DataSubjectKind;
import dev.flagledger.domain.privacy.PersonalValue;
import dev.flagledger.domain.segment.Behaviour;
import dev.flagledger.domain.segment.SegmentDefinition;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.privacy.keys.Keyring;
import dev.flagledger.privacy.keys.KeyringConfig;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubjectVaultTest {
    private JdbcTemplate jdbc;
    private DataSourceTransactionManager transactions;
    private final Keyring keyring = KeyringConfig.load("k1=" + Base64.getEncoder().encodeToString(new byte[32]), null, null);
    private SubjectVault vault;
    private PersonalData personal;

    @BeforeEach
    void database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table subject_key (key_id varchar(32) primary key, lookup varchar(64) not null unique,"
                + " subject_kind varchar(10) not null, key_material bytea not null,"
                + " created_at timestamp with time zone not null)");
        transactions = new DataSourceTransactionManager(dataSource);
        vault = new SubjectVault(jdbc, transactions, keyring, Clock.systemUTC());
        personal = new PersonalData(vault);
    }

    @Test
    void a_value_seals_the_same_way_every_time_and_opens_to_its_plain_text() {
        String sealed = vault.seal(DataSubjectKind.USER, "alice@example.com", "alice@example.com");

        assertThat(sealed).startsWith(PersonalValue.PREFIX).doesNotContain("alice");
        assertThat(vault.seal(DataSubjectKind.USER, "alice@example.com", "alice@example.com")).isEqualTo(sealed);
        assertThat(vault.open(sealed)).isEqualTo("alice@example.com");
        assertThat(vault.open("plain")).isEqualTo("plain");
        assertThat(jdbc.queryForObject("select count(*) from subject_key", Integer.class)).isEqualTo(1);
    }

    @Test
    void the_key_row_names_neither_the_subject_nor_holds_the_key_in_plain() {
        vault.seal(DataSubjectKind.ACTOR, "user-42", "Ada Lovelace");

        Map<String, Object> row = jdbc.queryForMap("select * from subject_key");
        assertThat(row.toString()).doesNotContain("user-42");
        assertThat(Keyring.isSealed((byte[]) row.get("key_material"))).as("wrapped under the at-rest keyring").isTrue();
    }

    @Test
    void deleting_a_subjects_key_leaves_their_values_unreadable_and_others_intact() {
        String alice = vault.seal(DataSubjectKind.USER, "alice", "alice");
        String bob = vault.seal(DataSubjectKind.USER, "bob", "bob");

        new TransactionTemplate(transactions).executeWithoutResult(status ->
                assertThat(vault.delete(DataSubjectKind.USER, "alice")).isPresent());

        assertThat(vault.open(alice)).isEqualTo(PersonalValue.ERASED);
        assertThat(vault.opens(alice)).isFalse();
        assertThat(vault.open(bob)).isEqualTo("bob");
        assertThat(vault.find(DataSubjectKind.USER, "alice")).isEmpty();
        assertThat(vault.delete(DataSubjectKind.USER, "alice")).isEmpty();
        String again = vault.seal(DataSubjectKind.USER, "alice", "alice");
        assertThat(again).as("a new key after erasure").isNotEqualTo(alice);
        assertThat(vault.open(again)).isEqualTo("alice");
    }

    @Test
    void a_rolled_back_erasure_keeps_the_key() {
        String alice = vault.seal(DataSubjectKind.USER, "alice", "alice");

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            vault.delete(DataSubjectKind.USER, "alice");
            status.setRollbackOnly();
        });

        assertThat(vault.find(DataSubjectKind.USER, "alice")).isPresent();
        assertThat(vault.open(alice)).isEqualTo("alice");
    }

    @Test
    void keys_made_before_a_keyring_rotation_are_still_found_and_opened() {
        String alice = vault.seal(DataSubjectKind.USER, "alice", "alice");
        Keyring rotated = KeyringConfig.load("k1=" + Base64.getEncoder().encodeToString(new byte[32]) + ",k2="
                + Base64.getEncoder().encodeToString(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}),
                null, null);
        SubjectVault after = new SubjectVault(jdbc, transactions, rotated, Clock.systemUTC());

        assertThat(after.open(alice)).isEqualTo("alice");
        assertThat(after.seal(DataSubjectKind.USER, "alice", "alice")).isEqualTo(alice);
    }

    @Test
    void commands_have_target_keys_and_segment_lists_sealed_and_the_placeholder_dropped() {
        record SetTargeting(String flag, Targeting targeting) {
        }
        String erased = vault.seal(DataSubjectKind.USER, "carol", "carol");
        new TransactionTemplate(transactions).executeWithoutResult(status -> vault.delete(DataSubjectKind.USER, "carol"));
        Targeting targeting = new Targeting(List.of(), List.of(new Target("on", List.of("alice", PersonalValue.ERASED,
                erased))), List.of(), null);

        SetTargeting sealed = (SetTargeting) personal.sealCommand(new SetTargeting("f", targeting));

        List<String> keys = sealed.targeting().targets().get(0).keys();
        assertThat(keys).hasSize(1);
        assertThat(vault.open(keys.get(0))).isEqualTo("alice");
        assertThat(personal.sealCommand(sealed)).as("sealing twice changes nothing").isEqualTo(sealed);
        SegmentDefinition definition = (SegmentDefinition) personal.sealCommand(new SegmentDefinition("s", "",
                List.of("dan"), List.of("eve"), List.of()));
        assertThat(personal.open(definition).included()).containsExactly("dan");
        assertThat(personal.open(definition).excluded()).containsExactly("eve");
        assertThat(definition.included().get(0)).startsWith(PersonalValue.PREFIX);
    }

    @Test
    void a_cohorts_behaviour_survives_sealing_and_opening() {
        Behaviour buyers = new Behaviour("staging", "buy", 2, 7, null, null);
        SegmentDefinition definition = (SegmentDefinition) personal.sealCommand(new SegmentDefinition("s", "",
                List.of("dan"), List.of(), List.of(), buyers));
        assertThat(definition.behaviour()).as("sealing keeps the cohort's behaviour").isEqualTo(buyers);
        assertThat(personal.open(definition).behaviour()).as("opening keeps it too").isEqualTo(buyers);
        assertThat(personal.open(definition).included()).containsExactly("dan");
    }

    @Test
    void a_plain_key_longer_than_the_limit_is_refused_before_it_is_sealed() {
        Targeting tooLong = new Targeting(List.of(), List.of(new Target("on", List.of("x".repeat(1_025)))), List.of(), null);
        assertThatThrownBy(() -> personal.sealCommand(tooLong)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void metadata_names_and_emails_are_sealed_under_the_actor_but_the_system_stays_plain() {
        Map<String, Object> sealed = personal.sealMetadata(Map.of(ChangeMetadata.ACTOR_SUBJECT, "user-1",
                ChangeMetadata.ACTOR_NAME, "Ada", ChangeMetadata.ACTOR_EMAIL, "ada@example.org",
                ChangeMetadata.REASON, "why"));
        assertThat((String) sealed.get(ChangeMetadata.ACTOR_NAME)).startsWith(PersonalValue.PREFIX);
        assertThat(personal.open((String) sealed.get(ChangeMetadata.ACTOR_EMAIL))).isEqualTo("ada@example.org");
        assertThat(sealed.get(ChangeMetadata.REASON)).isEqualTo("why");

        Map<String, Object> system = personal.sealMetadata(Map.of(ChangeMetadata.ACTOR_SUBJECT, "system:scheduler",
                ChangeMetadata.ACTOR_NAME, "Scheduler"));
        assertThat(system.get(ChangeMetadata.ACTOR_NAME)).isEqualTo("Scheduler");
    }

    @Test
    void names_beside_a_persons_subject_are_sealed_in_records_and_nested_metadata() {
        record Reviewer(String subject, String name) {
        }
        record Applied(String id, String appliedBySubject, String appliedByName) {
        }
        Reviewer reviewer = (Reviewer) personal.sealCommand(new Reviewer("user-7", "Grace"));
        Applied applied = (Applied) personal.sealCommand(new Applied("cr-1", "user-8", "Linus"));
        Map<String, Object> metadata = personal.sealMetadata(Map.of(ChangeMetadata.ACTOR_SUBJECT, "token:abc",
                ChangeMetadata.ACTOR_ON_BEHALF_OF_SUBJECT, "user-9", ChangeMetadata.ACTOR_ON_BEHALF_OF_NAME, "Ada",
                ChangeMetadata.APPROVED_BY, List.of(Map.of("subject", "user-7", "name", "Grace"))));

        assertThat(reviewer.name()).startsWith(PersonalValue.PREFIX);
        assertThat(applied.appliedByName()).startsWith(PersonalValue.PREFIX);
        assertThat(applied.id()).isEqualTo("cr-1");
        assertThat((String) metadata.get(ChangeMetadata.ACTOR_ON_BEHALF_OF_NAME)).startsWith(PersonalValue.PREFIX);
        Object approver = ((List<?>) metadata.get(ChangeMetadata.APPROVED_BY)).get(0);
        assertThat(((Map<?, ?>) approver).get("name")).isEqualTo(reviewer.name());
        assertThat(personal.openTree(metadata)).isEqualTo(Map.of(ChangeMetadata.ACTOR_SUBJECT, "token:abc",
                ChangeMetadata.ACTOR_ON_BEHALF_OF_SUBJECT, "user-9", ChangeMetadata.ACTOR_ON_BEHALF_OF_NAME, "Ada",
                ChangeMetadata.APPROVED_BY, List.of(Map.of("subject", "user-7", "name", "Grace"))));
    }

    @Test
    void trees_of_maps_lists_and_json_are_opened_in_place() {
        String alice = vault.seal(DataSubjectKind.USER, "alice", "alice");
        Object opened = personal.openTree(Map.of("a", List.of(alice, "plain"), "b", 1));
        assertThat(opened).isEqualTo(Map.of("a", List.of("alice", "plain"), "b", 1));
        assertThat(personal.openTree("[\"" + alice + "\",\"bob\"]")).as("JSON text holding sealed values")
                .isEqualTo("[\"alice\",\"bob\"]");
        assertThat(personal.openTree("targets " + alice + " and more")).isEqualTo("targets alice and more");
        Map<String, Object> untouched = Map.of("a", "plain");
        assertThat(personal.openTree(untouched)).isSameAs(untouched);
    }
}
