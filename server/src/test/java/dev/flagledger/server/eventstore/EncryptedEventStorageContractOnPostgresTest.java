package dev.flagledger.server.eventstore;

import dev.flagledger.server.support.JdbcStores;

class EncryptedEventStorageContractOnPostgresTest extends EncryptedJdbcStorageContract {
    EncryptedEventStorageContractOnPostgresTest() {
        super(JdbcStores::postgres);
    }
}
