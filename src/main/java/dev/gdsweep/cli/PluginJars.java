package dev.gdsweep.cli;

import dev.gdsweep.spec.SpecException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * {@code --plugin-jar}: puts the jars on this thread's context class loader, where the spec loader
 * looks for plugin classes; {@code run} also names them in {@code spark.jars} so Spark ships them to
 * the executors.
 */
final class PluginJars {

    private PluginJars() {}

    static void install(List<Path> jars) {
        if (jars.isEmpty()) {
            return;
        }
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new SpecException("--plugin-jar", 0, null, "no such file: " + jar);
            }
            try (JarFile ignored = new JarFile(jar.toFile())) {
                urls.add(jar.toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new SpecException("--plugin-jar", 0, null, "not a usable path: " + jar);
            } catch (IOException e) {
                throw new SpecException("--plugin-jar", 0, null, "not a readable jar file: " + jar + " ("
                        + e.getMessage() + ")");
            }
        }
        Thread.currentThread().setContextClassLoader(
                new URLClassLoader(urls.toArray(URL[]::new), Thread.currentThread().getContextClassLoader()));
    }

    /** The jars as a {@code spark.jars} value (absolute paths, comma-separated). */
    static String sparkJars(List<Path> jars) {
        return jars.stream().map(j -> j.toAbsolutePath().toString()).collect(Collectors.joining(","));
    }
}
