package dev.publicsafety.dal.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code dal.*} properties. All are off unless set: an application that migrates with
 * {@code dal migrate} in its deployment gets nothing done behind its back.
 *
 * @param migrateOnStart Apply the pending migrations of both schemas (fleet, training) at start-up,
 *        before any DAL bean is used. The application's DataSource must then be allowed to create
 *        and alter the tables, i.e. be their owner.
 * @param seedOnStart Seed the bundled training scenarios at start-up (after migrating, if that is
 *        on); a second start changes nothing.
 * @param slowUnitThreshold Log each unit of work that takes this long or longer, once, at WARN on
 *        the logger dev.publicsafety.dal.SlowUnits, with its statements' summaries and timings (no
 *        values); unset, nothing is logged.
 */
@ConfigurationProperties(prefix = "dal")
public record DalProperties(boolean migrateOnStart, boolean seedOnStart, Duration slowUnitThreshold) {
}
