package dev.flagledger.server.eventstore;

import dev.flagledger.server.support.JdbcStores;

class EncryptedEventStorageContractOnH2Test extends EncryptedJdbcStorageContract {
    EncryptedEventStorageContractOnH2Test() {
        super(JdbcStores::h2);
    }
}
