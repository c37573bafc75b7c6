package dev.publicsafety.dal.migration.lint;

import dev.publicsafety.dal.migration.Domain;
import dev.publicsafety.dal.migration.DomainFiles;
import dev.publicsafety.dal.migration.MigrationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Lints a domain's migrations, dal's own or an application's. dal's own that were applied before
 * {@code dal lint} existed cannot gain a {@code -- dal:allow} comment (Flyway's checksum covers comments, so every database they were
 * applied to would refuse them): their findings are acknowledged, rule by rule and with a reason,
 * in {@value #ACKNOWLEDGED}, one {@code <domain>/<file> <rule> <reason>} a line.
 */
public final class DomainLint {

    static final String ACKNOWLEDGED = "db/lint/acknowledged.txt";

    private DomainLint() {
    }

    /** The unacknowledged findings in {@code domain}'s migrations whose file name {@code which} accepts. */
    public static List<LintFinding> lint(Domain domain, Predicate<String> which) {
        Set<String> acknowledged = acknowledged();
        List<LintFinding> findings = new ArrayList<>();
        ClassLoader classLoader = DomainLint.class.getClassLoader();
        for (String file : DomainFiles.migrations(domain, classLoader)) {
            if (!file.endsWith(".sql") || !which.test(file)) {
                continue;
            }
            String name = domain.schema() + "/" + file;
            for (LintFinding finding : MigrationLinter.lint(name, DomainFiles.migration(domain, file, classLoader).orElseThrow())) {
                if (!acknowledged.contains(name + " " + finding.rule().id())) {
                    findings.add(finding);
                }
            }
        }
        return findings;
    }

    /** {@code <domain>/<file> <rule>} of every acknowledgement that gives a reason. */
    private static Set<String> acknowledged() {
        Set<String> acknowledged = new HashSet<>();
        for (String line : read(ACKNOWLEDGED).lines().toList()) {
            String[] words = line.strip().split("\\s+", 3);
            if (!line.startsWith("#") && words.length == 3) {
                acknowledged.add(words[0] + " " + words[1]);
            }
        }
        return acknowledged;
    }

    private static String read(String resource) {
        try (InputStream in = DomainLint.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new MigrationException("cannot find " + resource + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigrationException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }
}
