package io.mcphub.hub.ssh;

import io.mcphub.deploy.ssh.RemoteFiles;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What an SSH node's agent runs: the hub's own class path, so hub and agent are always the same version. Jars go as
 * they are; a class directory (a build's {@code target/classes}) goes as a jar built from it with fixed timestamps,
 * so an unchanged directory makes a byte-identical jar and is not uploaded again. Jars that only point at others
 * through their manifest's {@code Class-Path} (as a test runner's launcher jar does) are replaced by what they point
 * at: on the target those absolute paths would not exist.
 */
final class AgentDistribution {

    /** The entry point the agent is started with, {@code mcphub agent}. */
    static final String MAIN = "io.mcphub.cli.Main";
    private static final FileTime FIXED = FileTime.fromMillis(315_532_800_000L); // 1980-01-01, the zip format's epoch

    private final Path cacheDir;
    private List<RemoteFiles.LocalFile> files;

    /** @param cacheDir where jars built from class directories are kept */
    AgentDistribution(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** Whether this hub can start agents at all: it must run with the CLI, which holds the agent's entry point. */
    static boolean hasMain() {
        try {
            Class.forName(MAIN, false, AgentDistribution.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    synchronized List<RemoteFiles.LocalFile> files() {
        if (files == null) {
            files = build(classPath(System.getProperty("java.class.path")));
        }
        return files;
    }

    List<RemoteFiles.LocalFile> build(List<Path> entries) {
        List<RemoteFiles.LocalFile> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        try {
            Files.createDirectories(cacheDir);
            for (Path entry : entries) {
                boolean dir = Files.isDirectory(entry);
                String name = unique(names, dir ? directoryJarName(entry) : entry.getFileName().toString());
                out.add(RemoteFiles.LocalFile.of(name, dir ? jarOf(entry, cacheDir.resolve(name)) : entry));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot assemble the agent's files in " + cacheDir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The class path's entries, manifest {@code Class-Path} references followed, each real file once, in order. */
    static List<Path> classPath(String classPath) {
        Set<Path> seen = new LinkedHashSet<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                add(Path.of(entry), seen);
            }
        }
        return List.copyOf(seen);
    }

    private static void add(Path entry, Set<Path> seen) {
        Path real;
        try {
            real = entry.toRealPath();
        } catch (IOException missing) {
            return; // a class path may name what does not exist; the JVM ignores it, and so do we
        }
        if (seen.contains(real)) {
            return;
        }
        if (Files.isDirectory(real)) {
            seen.add(real);
            return;
        }
        try (JarFile jar = new JarFile(real.toFile())) {
            boolean content = jar.stream().anyMatch(e -> !e.isDirectory() && !e.getName().startsWith("META-INF/"));
            if (content) {
                seen.add(real);
            }
            String refs = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (refs != null) {
                for (String ref : refs.trim().split("\\s+")) {
                    resolve(real.getParent(), ref).ifPresent(p -> add(p, seen));
                }
            }
        } catch (IOException notAJar) {
            // not a jar either: nothing the agent could load from it
        }
    }

    private static java.util.Optional<Path> resolve(Path base, String ref) {
        try {
            URI uri = new URI(ref);
            return java.util.Optional.of(uri.isAbsolute() ? Path.of(uri) : base.resolve(uri.getPath()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** {@code …/mcphub-core/target/classes} → {@code mcphub-core-classes.jar}. */
    static String directoryJarName(Path dir) {
        Path parent = dir.getParent();
        String module = parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("target")
                && parent.getParent() != null ? parent.getParent().getFileName() + "-" : "";
        return (module + dir.getFileName()).replaceAll("[^A-Za-z0-9._+-]", "_") + ".jar";
    }

    private static String unique(Set<String> names, String name) {
        String candidate = name;
        for (int i = 2; !names.add(candidate); i++) {
            candidate = name.replaceFirst("(\\.jar)?$", "-" + i + "$1");
        }
        return candidate;
    }

    /** A jar of the directory's files in name order, every timestamp fixed: the same classes give the same bytes. */
    private static Path jarOf(Path dir, Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream raw = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(raw)) {
            for (Path f : files) {
                ZipEntry e = new ZipEntry(dir.relativize(f).toString().replace(File.separatorChar, '/'));
                e.setLastModifiedTime(FIXED);
                e.setCreationTime(FIXED);
                e.setLastAccessTime(FIXED);
                zip.putNextEntry(e);
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
