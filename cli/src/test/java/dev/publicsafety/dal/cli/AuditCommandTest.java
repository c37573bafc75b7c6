package dev.publicsafety.dal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.publicsafety.dal.connect.DatabaseUrl;
import dev.publicsafety.dal.fleet.Actor;
import dev.publicsafety.dal.fleet.FleetDatabase;
import dev.publicsafety.dal.fleet.incident.NewIncident;
import dev.publicsafety.dal.fleet.organization.NewOrganization;
import dev.publicsafety.dal.testing.ApplicationRole;
import dev.publicsafety.dal.testing.IsolatedDatabase;
import dev.publicsafety.dal.testing.TestDatabase;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code dal audit checkpoint} prints each chain's head; {@code dal audit verify} checks chains against it. */
@IsolatedDatabase
class AuditCommandTest {

    @Test
    void shouldPrintACheckpointAndReportRowsRemovedAfterIt(TestDatabase db) throws SQLException {
        FleetDatabase fleet = new FleetDatabase(db.dataSource());
        Actor actor = Actor.service("cli-audit");
        UUID org = fleet.createOrganization(actor, NewOrganization.of("Audited agency", "audited-agency")).id();
        for (int i = 0; i < 3; i++) {
            String number = "CLI-" + i;
            fleet.execute(org, actor, tx -> tx.incidents().open(NewIncident.of(number, "Audited", "fire", 2)));
        }

        Dal.Result checkpoint = Dal.run("audit", "checkpoint", "--url", url(db));
        assertEquals(0, checkpoint.exit(), checkpoint::toString);
        String published = checkpoint.out().strip();
        assertTrue(published.matches(org + ":4:[0-9a-f]{64}"), checkpoint::toString);

        Dal.Result clean = Dal.run("audit", "verify", "--url", url(db), "--checkpoint", published);
        assertEquals(0, clean.exit(), clean::toString);
        assertEquals(org + ": intact, 4 rows", clean.out().strip());

        db.execute("ALTER TABLE fleet.audit_logs DISABLE TRIGGER audit_logs_no_update_delete",
                "DELETE FROM fleet.audit_logs WHERE org_id = '" + org + "' AND chain_seq = 4",
                "UPDATE fleet.audit_chain_heads h SET chain_seq = 3, row_hash = a.row_hash FROM fleet.audit_logs a"
                        + " WHERE a.org_id = h.org_id AND a.org_id = '" + org + "' AND a.chain_seq = 3",
                "ALTER TABLE fleet.audit_logs ENABLE TRIGGER audit_logs_no_update_delete");
        Dal.Result broken = Dal.run("audit", "verify", "--url", url(db), "--org", org.toString(), "--checkpoint", published);
        assertEquals(DalCommand.DRIFT, broken.exit(), broken::toString);
        assertEquals(1, broken.out().strip().lines().count(), broken::toString);
        assertTrue(broken.out().contains(org + ": BROKEN after 3 good links: the chain ends at link #3 but checkpoint "
                + published + " was published: the rows after #3 were removed"), broken::toString);

        Dal.Result again = Dal.run("audit", "checkpoint", "--url", url(db), "--org", org.toString());
        assertEquals(0, again.exit(), "without the old checkpoint the shortened chain is consistent: " + again);
    }

    @Test
    void shouldSayItIsTheOwnersCommandWhenRunAsTheApplicationRole(TestDatabase db, ApplicationRole app) {
        DatabaseUrl role = app.url();
        Dal.Result result = Dal.run("audit", "verify", "--url", "postgresql://" + role.user() + ":" + role.password() + "@"
                + role.host() + ":" + role.port() + "/" + role.database());
        assertEquals(1, result.exit(), result::toString);
        assertEquals(1, result.err().strip().lines().count(), result::toString);
        assertTrue(result.err().contains("permission denied for table"), result::toString);
        assertTrue(result.err().contains("needs the rights of the schema owner (the role that ran dal migrate); run it with the owner's --url"),
                result::toString);
        assertFalse(result.err().contains(role.password()), "never the password: " + result);
    }

    @Test
    void shouldRejectAMalformedCheckpointInOneLine(TestDatabase db) {
        Dal.Result result = Dal.run("audit", "verify", "--url", url(db), "--checkpoint", "not-a-checkpoint");
        assertEquals(1, result.exit(), result::toString);
        assertEquals(1, result.err().strip().lines().count(), result::toString);
        assertTrue(result.err().contains("checkpoint 'not-a-checkpoint' is not ORG:SEQ:SHA256HEX"), result::toString);
    }

    @Test
    void shouldAskForASubcommand() {
        Dal.Result result = Dal.run("audit");
        assertEquals(2, result.exit(), result::toString);
        assertTrue(result.err().contains("verify or checkpoint"), result::toString);
    }

    private static String url(TestDatabase db) {
        return "postgresql://" + db.url().user() + "@" + db.url().host() + ":" + db.url().port() + "/" + db.name();
    }
}
