package dev.publicsafety.dal.chaos;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The chaos run as a command:
 * {@code java -jar chaos/target/chaos.jar --faults-per-kind N --clients K --seed S --duration 30m [--dir D]}.
 * Prints the seed first (a run is repeated by passing it again) and the report last; exits 0 if the
 * run was clean, 1 if not, 2 on a usage error. {@code --recheck D --seed S} checks a run kept with
 * {@code --dir D} again, e.g. one stopped before its end ({@link ChaosRun#recheck}).
 */
public final class ChaosMain {

    private ChaosMain() {
    }

    public static void main(String[] args) throws Exception {
        // the server's log and jOOQ's banner would drown the run's own lines
        System.setProperty("org.slf4j.simpleLogger.log.io.zonky", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.jooq", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb", "warn");
        if (args.length == 4 && args[0].equals("--recheck") && args[2].equals("--seed")) {
            ChaosReport report = ChaosRun.recheck(Path.of(args[1]), Long.parseLong(args[3]));
            System.out.print(report.text());
            System.exit(report.clean() ? 0 : 1);
        }
        ChaosSettings settings;
        try {
            settings = parse(args);
        } catch (RuntimeException e) {
            System.err.println("chaos: " + e.getMessage());
            System.err.println("usage: --faults-per-kind N --clients K [--seed S] [--duration 30m|90s|PT1H] [--dir DIRECTORY]");
            System.exit(2);
            return;
        }
        ChaosReport report = new ChaosRun(settings, System.out, Clock.systemUTC()).run();
        System.out.print(report.text());
        System.exit(report.clean() ? 0 : 1);
    }

    static ChaosSettings parse(String[] args) {
        int faults = 3;
        int clients = 3;
        long seed = ThreadLocalRandom.current().nextLong();
        Duration duration = Duration.ofMinutes(1);
        Path directory = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--faults-per-kind" -> faults = Integer.parseInt(value);
                case "--clients" -> clients = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--duration" -> duration = duration(value);
                case "--dir" -> directory = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new ChaosSettings(faults, clients, seed, duration, directory);
    }

    private static Duration duration(String text) {
        if (text.startsWith("P") || text.startsWith("p")) {
            return Duration.parse(text);
        }
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("duration " + text + ": give it as 90s, 30m, 2h or ISO-8601 (PT30M)");
        };
    }
}
