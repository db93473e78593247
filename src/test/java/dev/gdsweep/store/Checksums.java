package dev.gdsweep.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The SHA-256 of every file in a tree: compared before and after, it shows a file changed or vanished. */
public final class Checksums {

    private Checksums() {}

    /** Every regular file under {@code root}, relative to it, and its SHA-256. */
    public static Map<Path, String> of(Path root) throws IOException {
        Map<Path, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                sums.put(root.relativize(p), sha256(Files.readAllBytes(p)));
            }
        }
        return sums;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
