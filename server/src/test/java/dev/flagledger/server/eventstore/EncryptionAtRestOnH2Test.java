package dev.flagledger.server.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import dev.flagledger.server.support.JdbcStores;

class EncryptionAtRestOnH2Test extends EncryptionAtRestSpec {
    @Override
    protected HikariDataSource newStore() {
        return JdbcStores.h2();
    }
}
