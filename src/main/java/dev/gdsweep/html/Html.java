package dev.gdsweep.html;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The report's HTML templates (Mustache, read from the class path beside this class, so they ship in
 * the jars) and the one escaping rule they apply to every {@code {{value}}}.
 *
 * <p>The escaping is the template engine's, with its rule replaced by {@link #escape}: Mustache.java's
 * own escaper also writes {@code =}, {@code `} and line breaks as character references, and control
 * characters as references HTML does not allow; this one escapes what HTML needs and keeps the resolved
 * spec's text as it is, line breaks included.
 */
final class Html {

    private Html() {}

    /** Renders the template {@code name} (a resource in this package) with {@code scope} as its data. */
    static String render(String name, Object scope) {
        Mustache template;
        try (InputStream in = Html.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("template " + name + " is not on the class path beside "
                        + Html.class.getName());
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                template = new EscapingFactory().compile(reader, name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + name, e);
        }
        StringWriter out = new StringWriter(64 * 1024);
        template.execute(out, scope);
        return out.toString();
    }

    /**
     * Escapes {@code & < > " '} so the text is safe both as element content and inside a quoted
     * attribute value. Null becomes the empty string.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Control characters other than tab, newline and carriage return are not allowed in HTML.
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Mustache.java's factory with {@link #escape} as the escaping of every {@code {{value}}}. */
    private static final class EscapingFactory extends DefaultMustacheFactory {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(escape(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
