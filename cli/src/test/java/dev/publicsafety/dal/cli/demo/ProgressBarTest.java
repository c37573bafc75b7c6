package dev.publicsafety.dal.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void shouldWriteOnlyTheFinishedLineIntoARedirectedLog() {
        StringWriter log = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(log), "transmissions", 1000, false);
        for (int i = 0; i < 100; i++) {
            bar.advance(10);
        }
        bar.finish();
        assertFalse(log.toString().contains("\r"), log.toString());
        assertEquals(1, log.toString().lines().count(), log.toString());
        assertTrue(log.toString().startsWith("  transmissions  1000  in "), log.toString());
    }

    @Test
    void shouldRedrawInPlaceOnATerminalOnlyWhenThePercentageChanges() {
        StringWriter terminal = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(terminal), "incidents", 1000, true);
        for (int i = 0; i < 1000; i++) {
            bar.advance(1);
        }
        bar.finish();
        // 0 % when created, then once per percent up to 100
        assertEquals(101, terminal.toString().chars().filter(c -> c == '\r').count());
        assertTrue(terminal.toString().contains("[##############################] 100%  1000/1000"), terminal.toString());
    }
}
