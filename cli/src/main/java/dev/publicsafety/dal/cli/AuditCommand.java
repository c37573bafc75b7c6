package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.fleet.audit.AuditChainVerifier;
import dev.publicsafety.dal.fleet.audit.AuditChainVerifier.Checkpoint;
import dev.publicsafety.dal.fleet.audit.AuditChainVerifier.Result;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "audit", description = "Check that fleet.audit_logs has not been tampered with (its per-organization hash chain).",
        subcommands = {AuditCommand.VerifyChain.class, AuditCommand.PrintCheckpoint.class},
        footerHeading = "%nExamples:%n",
        footer = {"  dal audit verify --url \"$DB\"", "  # keep the printed lines outside the database", "  dal audit checkpoint --url \"$DB\""})
final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "name what to do: verify or checkpoint");
    }


    @Command(name = "verify", description = {
            "Recompute each organization's audit hash chain and print the first broken link: deleted, edited, moved or",
            "forged rows, or rows removed after a published checkpoint. Exit 3 if any chain is broken. Each run that",
            "completes is recorded in fleet.audit_verifications (from fleet V13). Run as the owner."},
            footerHeading = "%nExamples:%n",
            footer = {"  dal audit verify --url \"$DB\"", "  # also prove nothing up to a link kept earlier was removed",
                    "  dal audit verify --checkpoint \"$(cat audit-checkpoint.txt)\" --url \"$DB\""})
    static final class VerifyChain extends DatabaseCommand {

        @Option(names = "--org", paramLabel = "ID", description = "only this organization")
        UUID org;

        @Option(names = "--checkpoint", paramLabel = "ORG:SEQ:HASH", description = "a head printed earlier by"
                + " 'dal audit checkpoint' that must still be in the chain (repeatable)")
        List<String> checkpoints = List.of();

        @Override
        int run(ConnectionOptions.Target target, Output output) {
            List<Checkpoint> published = checkpoints.stream().map(Checkpoint::parse).toList();
            boolean broken = false;
            for (Result result : new AuditChainVerifier(target.dataSource()).verify(Optional.ofNullable(org), published)) {
                if (result.intact()) {
                    output.println(result.org() + ": intact, " + result.rows() + " rows");
                } else {
                    broken = true;
                    output.println(result.org() + ": BROKEN after " + result.head().seq() + " good links: "
                            + result.brokenLink().orElseThrow());
                }
            }
            return broken ? DalCommand.DRIFT : 0;
        }
    }

    @Command(name = "checkpoint", description = {
            "Verify the chains and print each organization's last link as ORG:SEQ:HASH. Keep these lines outside the",
            "database (a ticket, a log, another system): 'dal audit verify --checkpoint LINE' later proves that nothing",
            "up to that link was changed or removed. Exit 3, and no checkpoint, if a chain is already broken."},
            footerHeading = "%nExamples:%n",
            footer = {"  dal audit checkpoint --url \"$DB\" >> audit-checkpoints.txt"})
    static final class PrintCheckpoint extends DatabaseCommand {

        @Option(names = "--org", paramLabel = "ID", description = "only this organization")
        UUID org;

        @Override
        int run(ConnectionOptions.Target target, Output output) {
            boolean broken = false;
            for (Result result : new AuditChainVerifier(target.dataSource()).verify(Optional.ofNullable(org), List.of())) {
                if (!result.intact()) {
                    broken = true;
                    output.info("dal audit checkpoint: " + result.org() + " is already broken: " + result.brokenLink().orElseThrow());
                } else if (result.rows() > 0) {
                    output.println(result.head().toString());
                }
            }
            return broken ? DalCommand.DRIFT : 0;
        }
    }
}
