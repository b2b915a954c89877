package dev.flagledger.server.privacy;

import dev.flagledger.server.support.OnPostgres;

import java.nio.file.Path;
import java.util.List;

/**
 * On a real PostgreSQL: the scan covers the server's whole data directory (every database's heap
 * files, free space, and the write-ahead log).
 */
@OnPostgres
class ErasureOnPostgresTest extends ErasureSpec {
    @Override
    protected List<Path> storeFiles() {
        return List.of(Path.of(jdbc.queryForObject("show data_directory", String.class)));
    }

    @Override
    protected void flushToDisk() {
        jdbc.execute("checkpoint");
    }
}
