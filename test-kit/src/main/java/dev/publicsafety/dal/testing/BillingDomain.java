package dev.publicsafety.dal.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An application's own domain for the tests of application domains: schema {@code billing}, whose
 * invoices refer to fleet's organizations, in two migrations with their undo scripts, laid out as
 * dal lays out its own ({@code db/migration/billing}, {@code db/undo/billing}).
 */
public final class BillingDomain {

    public static final String SCHEMA = "billing";
    /** The second migration builds an index on a table of the first without CONCURRENTLY: one lint finding. */
    public static final String V2 = "V2__billing_invoice_notes.sql";

    private BillingDomain() {
    }

    /** Writes the two migrations and their undo under {@code root}; returns {@code root}. */
    public static Path writeTo(Path root) throws IOException {
        Path migrations = Files.createDirectories(root.resolve("db/migration/" + SCHEMA));
        Path undo = Files.createDirectories(root.resolve("db/undo/" + SCHEMA));
        Files.writeString(migrations.resolve("V1__billing_invoices.sql"), """
                CREATE TABLE billing.invoices (
                    id bigserial PRIMARY KEY,
                    org_id uuid NOT NULL REFERENCES fleet.organizations (id),
                    amount_cents bigint NOT NULL CHECK (amount_cents >= 0)
                );
                """);
        Files.writeString(undo.resolve("U1__billing_invoices.sql"), "DROP TABLE billing.invoices;\n");
        Files.writeString(migrations.resolve(V2), """
                ALTER TABLE billing.invoices ADD COLUMN note text;
                CREATE INDEX invoices_org_id_idx ON billing.invoices (org_id);
                """);
        Files.writeString(undo.resolve("U2__billing_invoice_notes.sql"), """
                DROP INDEX billing.invoices_org_id_idx;
                ALTER TABLE billing.invoices DROP COLUMN note;
                """);
        return root;
    }
}
