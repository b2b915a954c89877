package dev.flagledger.server.privacy;

import dev.flagledger.domain.privacy.DataSubjectKind;
import dev.flagledger.domain.privacy.SubjectKeys;
import dev.flagledger.privacy.subject.SubjectVault;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Erasure in the command's transaction: the subject's key row goes, and for an end user the raw SDK
 * events that name them by context key, and the experiments' per-unit rows, go with it (they are plain
 * rows, not sealed, docs/privacy.md).
 */
@Component
class JdbcSubjectKeys implements SubjectKeys {
    private final SubjectVault vault;
    private final JdbcTemplate jdbc;

    JdbcSubjectKeys(SubjectVault vault, JdbcTemplate jdbc) {
        this.vault = vault;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Erased> erase(DataSubjectKind kind, String subjectId) {
        return vault.delete(kind, subjectId).map(key -> new Erased(key.keyId(), key.createdAt(),
                kind == DataSubjectKind.USER ? deleteRawData(subjectId) : 0));
    }

    /**
     * An end user's raw SDK events, and the per-unit rows experiments keep for them (docs/experiments.md:
     * results are aggregated from these, so the user simply stops counting). Answers the raw events deleted.
     */
    private long deleteRawData(String userKey) {
        jdbc.update("delete from experiment_unit_metric where unit_key = ?", userKey);
        jdbc.update("delete from experiment_unit where unit_key = ?", userKey);
        jdbc.update("delete from experiment_unit_lock where unit_key = ?", userKey);
        return jdbc.update("delete from sdk_event where context_key = ?", userKey);
    }
}
