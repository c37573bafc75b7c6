package dev.publicsafety.dal.cli;

import java.io.PrintWriter;

/** Results go to standard output, progress notes and errors to standard error. */
record Output(PrintWriter out, PrintWriter err) {

    void println(String line) {
        out.println(line);
        out.flush();
    }

    void info(String note) {
        err.println(note);
        err.flush();
    }
}
