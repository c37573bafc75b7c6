package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.MigrationRunner;
import dev.publicsafety.dal.migration.ValidationProblem;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "validate", description = "Check that applied migrations still match the files (checksums, missing,"
        + " unknown); exit 3 if not.",
        footerHeading = "%nExamples:%n", footer = {"  dal validate --url \"$DB\""})
final class ValidateCommand extends DatabaseCommand {

    @Override
    int run(ConnectionOptions.Target target, Output output) {
        MigrationRunner runner = new MigrationRunner(target.dataSource());
        List<ValidationProblem> problems = new ArrayList<>();
        for (Domain domain : connection.domains()) {
            List<ValidationProblem> found = runner.validate(domain);
            problems.addAll(found);
            output.println(domain.schema() + ": " + (found.isEmpty() ? "valid" : found.size() + " problem(s)"));
        }
        problems.forEach(problem -> output.info("dal validate: " + problem));
        return problems.isEmpty() ? 0 : DalCommand.DRIFT;
    }
}
