package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.migration.Domain;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "erd", description = "Print the schemas as Mermaid entity-relationship diagrams (erDiagram), read from the"
        + " live catalog: tables, columns with types, primary and foreign keys, one relationship per foreign key.",
        footerHeading = "%nExamples:%n",
        footer = {"  dal erd --url \"$DB\"", "  # the fleet schema alone, for a .mmd file", "  dal erd --domain fleet > fleet.mmd",
                "  # both schemas as a Markdown page with mermaid blocks (docs/schema.md)", "  dal erd --markdown"})
final class ErdCommand extends DatabaseCommand {

    @Option(names = "--markdown", description = "a Markdown page: a section and a ```mermaid block per schema")
    boolean markdown;

    @Override
    int run(ConnectionOptions.Target target, Output output) throws Exception {
        List<SchemaDiagram> diagrams = new ArrayList<>();
        try (Connection catalog = target.dataSource().getConnection()) {
            for (Domain domain : connection.domains()) {
                SchemaDiagram diagram = SchemaDiagram.read(catalog, domain.schema());
                if (diagram.tables().isEmpty()) {
                    throw new IllegalStateException("schema " + domain.schema() + " has no tables: migrate it first (dal migrate --domain "
                            + domain.schema() + ")");
                }
                diagrams.add(diagram);
            }
        }
        // one diagram per schema, a blank line between them (a Mermaid block holds one diagram)
        String text = markdown ? MermaidErd.markdown(diagrams) : String.join("\n", diagrams.stream().map(MermaidErd::render).toList());
        output.println(text.stripTrailing());
        return 0;
    }
}
