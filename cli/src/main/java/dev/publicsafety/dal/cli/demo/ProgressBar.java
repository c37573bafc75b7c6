package dev.publicsafety.dal.cli.demo;

import java.io.Console;
import java.io.PrintWriter;

/**
 * A one-line textual progress bar on standard error:
 * {@code   transmissions [#########-----------]  45%  22500/50000}. On a terminal it redraws in
 * place with a carriage return when the percentage changes; otherwise (a redirected log) it writes
 * only the finished line, with no carriage returns.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean redraws;
    private final long startedNanos = System.nanoTime();
    private long done;
    private int shownPercent = -1;

    public ProgressBar(PrintWriter err, String label, long total) {
        this(err, label, total, onATerminal());
    }

    ProgressBar(PrintWriter err, String label, long total, boolean redraws) {
        this.err = err;
        this.label = label;
        this.total = Math.max(1, total);
        this.redraws = redraws;
        draw();
    }

    public synchronized void advance(long steps) {
        done = Math.min(total, done + steps);
        draw();
    }

    /** Completes the bar and ends its line with the elapsed time and rate. */
    public synchronized void finish() {
        done = total;
        if (redraws) {
            draw();
        } else {
            err.print(String.format("  %-14s %d", label, total));
        }
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        err.println(String.format("  in %.1f s, %,.0f/s", seconds, total / seconds));
        err.flush();
    }

    private void draw() {
        int percent = (int) (done * 100 / total);
        if (!redraws || percent == shownPercent) {
            return;
        }
        shownPercent = percent;
        int filled = percent * WIDTH / 100;
        err.print(String.format("\r  %-14s [%s%s] %3d%%  %d/%d", label, "#".repeat(filled), "-".repeat(WIDTH - filled),
                percent, done, total));
        err.flush();
    }

    /** Standard error and output on a terminal; from Java 22 a console exists when redirected too, so ask it. */
    private static boolean onATerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before Java 22 a console exists only on a terminal
        }
    }
}
