package dev.publicsafety.dal.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.radio.NewTransmission;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.TestDatabase;
import java.util.List;
import java.util.Random;

/**
 * Bulk ingest of 5,000 transmissions with JSONB entities: raw binary COPY (the baseline), raw CSV
 * COPY (the baseline of runs 1 to 8), the
 * repository's bulkIngest as the owner (COPY straight in), and as the RLS-bound application role
 * (through a staging table).
 */
final class TransmissionIngestPaths implements PathSet {

    static final int ROWS = 5000;

    private final HikariDataSource ownerPool;
    private final ApplicationRole applicationRole;
    private final FleetDatabase owner;
    private final FleetDatabase application;
    private final FleetBenchData data;
    private final List<NewTransmission> batch;

    TransmissionIngestPaths(HikariDataSource ownerPool) {
        this.ownerPool = ownerPool;
        owner = new FleetDatabase(ownerPool);
        data = new FleetBenchData(owner, "ingest-" + Long.toHexString(System.nanoTime()), 4);
        batch = data.transmissions(0, ROWS, new Random(7));
        // The test kit's role: made as an operator makes it, subject to row-level security, dropped on close.
        applicationRole = ApplicationRole.create(new TestDatabase(BenchDatabase.url()), 4);
        application = new FleetDatabase(applicationRole.dataSource());
    }

    @Override
    public List<Interleaved.Path> paths() {
        return List.of(new Interleaved.Path("TransmissionIngest.rawBinaryCopy", () -> RawTransmissionCopy.copyBinary(ownerPool, data.org, batch)),
                new Interleaved.Path("TransmissionIngest.rawCopy", () -> RawTransmissionCopy.copy(ownerPool, data.org, batch)),
                new Interleaved.Path("TransmissionIngest.dalBulkIngest",
                        () -> owner.inTransaction(data.org, FleetBenchData.RECORDER, tx -> tx.transmissions().bulkIngest(batch))),
                new Interleaved.Path("TransmissionIngest.dalBulkIngestApplicationRole",
                        () -> application.inTransaction(data.org, FleetBenchData.RECORDER, tx -> tx.transmissions().bulkIngest(batch))));
    }

    @Override
    public void beforeRound() throws Exception {
        BenchDatabase.truncate(ownerPool, "fleet.transmissions");
    }

    @Override
    public void close() throws Exception {
        beforeRound();
        applicationRole.close();
    }
}
