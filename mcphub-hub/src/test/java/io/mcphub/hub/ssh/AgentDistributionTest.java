package io.mcphub.hub.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.deploy.ssh.RemoteFiles;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an SSH node gets uploaded: the hub's class path as files that the target can use and need not re-fetch. */
class AgentDistributionTest {

    @TempDir
    Path dir;

    @Test
    void aLauncherJarIsReplacedByTheEntriesItsManifestNamesEachOnce() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path a = jar(lib.resolve("a.jar"), null, "a/A.class");
        Path b = jar(lib.resolve("b.jar"), null, "b/B.class");
        Path classes = Files.createDirectories(dir.resolve("mod/target/classes"));
        // As a test runner's launcher: no classes of its own, only a Class-Path of absolute URLs and relative paths.
        Path launcher = jar(dir.resolve("booter.jar"), a.toUri() + " lib/b.jar " + classes.toUri() + " lib/missing.jar");

        List<Path> entries = AgentDistribution.classPath(String.join(File.pathSeparator, launcher.toString(), a.toString()));

        assertThat(entries).containsExactly(a.toRealPath(), b.toRealPath(), classes.toRealPath());
    }

    @Test
    void aClassDirectoryGoesAsAJarWhoseBytesDependOnlyOnItsFiles() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("mcphub-core/target/classes/io/x"));
        Files.writeString(classes.resolve("X.class"), "x");
        Path root = dir.resolve("mcphub-core/target/classes");
        RemoteFiles.LocalFile first = new AgentDistribution(dir.resolve("cache1")).build(List.of(root)).getFirst();
        Files.setLastModifiedTime(classes.resolve("X.class"), FileTime.fromMillis(0)); // touched, not changed
        RemoteFiles.LocalFile again = new AgentDistribution(dir.resolve("cache2")).build(List.of(root)).getFirst();

        assertThat(first.name()).isEqualTo("mcphub-core-classes.jar");
        assertThat(again.sha256()).as("nothing to upload again").isEqualTo(first.sha256());
        Files.writeString(classes.resolve("X.class"), "changed");
        assertThat(new AgentDistribution(dir.resolve("cache3")).build(List.of(root)).getFirst().sha256()).isNotEqualTo(first.sha256());
    }

    @Test
    void twoEntriesWithOneNameGetDistinctNames() throws IOException {
        Path one = jar(Files.createDirectories(dir.resolve("one")).resolve("util.jar"), null, "one/U.class");
        Path two = jar(Files.createDirectories(dir.resolve("two")).resolve("util.jar"), null, "two/U.class");

        assertThat(new AgentDistribution(dir.resolve("cache")).build(List.of(one, two)))
                .extracting(RemoteFiles.LocalFile::name).containsExactly("util.jar", "util-2.jar");
    }

    private static Path jar(Path file, String classPath, String... entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (String e : entries) {
                jar.putNextEntry(new ZipEntry(e));
                jar.write(1);
                jar.closeEntry();
            }
        }
        return file;
    }
}
