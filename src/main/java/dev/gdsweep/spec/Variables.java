package dev.gdsweep.spec;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Variables a spec may use, for jobs that run again and again: {@code ${RUN_ID}} (the run's
 * {@code --run-id}), {@code ${date}} (today, UTC, as 2026-11-29), {@code ${env:NAME}} (an environment
 * variable; an error when it is unset) and {@code ${env:NAME:-default}}. They are replaced in the
 * spec's text before it is read, line by line, so errors keep their line numbers.
 */
public record Variables(String runId, String date, Function<String, String> environment) {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern ENV = Pattern.compile("env:([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?");

    /** No run id, today's date, the process environment. */
    public static Variables ofEnvironment(String runId, Clock clock) {
        return new Variables(runId, LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString(), System::getenv);
    }

    public static Variables ofEnvironment(String runId) {
        return ofEnvironment(runId, Clock.systemUTC());
    }

    /** {@code text} with every reference replaced; a bad or unset reference is a {@link SpecException}. */
    public String substitute(String text, String source) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            String current = lines[i];
            int comment = source.startsWith("--set ") ? current.length() : commentStart(current);
            Matcher m = REFERENCE.matcher(current.substring(0, comment));
            int line = source.startsWith("--set ") ? 0 : i + 1;
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, Matcher.quoteReplacement(value(m.group(1), source, line)));
            }
            m.appendTail(sb);
            out.append(sb).append(current, comment, current.length());
        }
        return out.toString();
    }

    /**
     * Where a YAML comment starts on this line (its length when there is none): a '#' at the start or
     * after a space or tab, outside quotes. Variables in comments are left as they are.
     */
    static int commentStart(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ' || line.charAt(i - 1) == '\t')) {
                return i;
            }
        }
        return line.length();
    }

    private String value(String name, String source, int line) {
        if (name.equals("RUN_ID")) {
            if (runId == null) {
                throw new SpecException(source, line, null, "${RUN_ID} needs a run id: give --run-id ID (or --run-id now)");
            }
            return runId;
        }
        if (name.equals("date")) {
            return date;
        }
        Matcher env = ENV.matcher(name);
        if (env.matches()) {
            String value = environment.apply(env.group(1));
            if (value != null) {
                return value;
            }
            if (env.group(2) != null) {
                return env.group(2);
            }
            throw new SpecException(source, line, null, "${env:" + env.group(1) + "}: the environment variable "
                    + env.group(1) + " is not set (give a default with ${env:" + env.group(1) + ":-default})");
        }
        throw new SpecException(source, line, null, "unknown variable ${" + name + "}; known: ${RUN_ID}, ${date}, "
                + "${env:NAME}, ${env:NAME:-default}");
    }
}
