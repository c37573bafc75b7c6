package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.DataLossRefusedException;
import dev.publicsafety.dal.migration.DropConsent;
import dev.publicsafety.dal.migration.DropPlan;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The consent options of the commands that drop things (undo, clean, reset), and how they report a plan. */
final class DropOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--yes", description = "confirm dropping tables or columns that hold rows")
    boolean yes;

    @Option(names = "--drop-audit-trail", description = "with --yes: also drop an audit trail that holds rows")
    boolean dropAuditTrail;

    DropConsent consent() {
        if (dropAuditTrail && !yes) {
            throw new ParameterException(mixee.commandLine(), "--drop-audit-trail only adds to --yes; give both");
        }
        return yes ? (dropAuditTrail ? DropConsent.DATA_AND_AUDIT_TRAIL : DropConsent.DATA) : DropConsent.NONE;
    }

    /**
     * Checks every plan before anything runs, so that a refusal for one schema changes no other;
     * on refusal prints what would be dropped on standard output and throws the one-line reason.
     */
    void requireConsent(List<DropPlan> plans, Output output) {
        DropConsent consent = consent();
        for (DropPlan plan : plans) {
            try {
                consent.check(plan);
            } catch (DataLossRefusedException refused) {
                plans.forEach(each -> each.describe().forEach(output::println));
                throw refused;
            }
        }
    }
}
