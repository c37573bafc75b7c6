package dev.publicsafety.dal.fleet.demo;

import java.io.PrintWriter;

/**
 * A one-line textual progress bar on standard error:
 * {@code   transmissions [#########-----------]  45%  22500/50000}. It redraws in place with a
 * carriage return and only when the percentage changes, so a redirected stream stays small.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final long startedNanos = System.nanoTime();
    private long done;
    private int shownPercent = -1;

    public ProgressBar(PrintWriter err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = Math.max(1, total);
        draw();
    }

    public synchronized void advance(long steps) {
        done = Math.min(total, done + steps);
        draw();
    }

    /** Completes the bar and ends its line with the elapsed time and rate. */
    public synchronized void finish() {
        done = total;
        draw();
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        err.println(String.format("  in %.1f s, %,.0f/s", seconds, total / seconds));
        err.flush();
    }

    private void draw() {
        int percent = (int) (done * 100 / total);
        if (percent == shownPercent) {
            return;
        }
        shownPercent = percent;
        int filled = percent * WIDTH / 100;
        err.print(String.format("\r  %-14s [%s%s] %3d%%  %d/%d", label, "#".repeat(filled), "-".repeat(WIDTH - filled),
                percent, done, total));
        err.flush();
    }
}
