package dev.publicsafety.dal.cli;

import dev.publicsafety.dal.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code dal} command in-process and captures what it prints. */
final class Dal {

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private Dal() {
    }

    /** A {@code --url} value for a test database (its user, no password: the test servers trust loopback). */
    static String url(TestDatabase db) {
        return "postgresql://" + db.url().user() + "@" + db.url().host() + ":" + db.url().port() + "/" + db.name();
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = DalCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }
}
