package dev.flagledger.server.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import dev.flagledger.server.support.JdbcStores;

class EncryptionAtRestOnPostgresTest extends EncryptionAtRestSpec {
    @Override
    protected HikariDataSource newStore() {
        return JdbcStores.postgres();
    }
}
