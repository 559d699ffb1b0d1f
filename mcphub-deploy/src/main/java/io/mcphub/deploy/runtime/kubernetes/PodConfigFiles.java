package io.mcphub.deploy.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An instance's configuration files (and secret environment values) as a Secret, the files mounted into its pod at
 * {@code /mcphub/config}: a pod does not see
 * the node's disk, where the agent writes them, and the files may hold revealed secrets, so a ConfigMap (readable to
 * anyone who may read the namespace's configuration) would not do. A key cannot hold a '/', so each file gets a key
 * of its own ({@code file-0}, …) and the volume's items put it back at its path. The kubelet refreshes a mounted
 * Secret by itself (within its sync period, a minute by default): a rewrite in place reaches the running container,
 * later than on a process or a Docker container.
 */
final class PodConfigFiles {

    static final String MOUNT = "/mcphub/config";
    static final String VOLUME = "mcphub-config";

    /** The files at pod creation, by path relative to the config directory, each with its key. */
    private final Map<String, String> keys;

    private PodConfigFiles(Map<String, String> keys) {
        this.keys = keys;
    }

    /** The files in {@code configDir} now (hidden temporary files aside); none when the directory is empty or absent. */
    static PodConfigFiles of(Path configDir) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String path : paths(configDir)) {
            keys.put(path, "file-" + keys.size());
        }
        return new PodConfigFiles(keys);
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The Secret's key for a secret environment variable. */
    static String envKey(String name) {
        return "env-" + name;
    }

    static String secretName(String podName) {
        return podName + "-config";
    }

    List<KeyToPath> items() {
        List<KeyToPath> items = new ArrayList<>();
        keys.forEach((path, key) -> items.add(new io.fabric8.kubernetes.api.model.KeyToPathBuilder().withKey(key).withPath(path).build()));
        return items;
    }

    /**
     * The Secret with the files' current content (a file that is new since pod creation is left out) and the values
     * of the spec's secret environment variables, which the pod takes from it rather than from its own spec.
     */
    Secret secret(String podName, Map<String, String> labels, Path configDir, Map<String, String> secretEnv) {
        Map<String, String> data = new LinkedHashMap<>();
        secretEnv.forEach((name, value) -> data.put(envKey(name), value));
        keys.forEach((path, key) -> {
            try {
                data.put(key, Files.readString(configDir.resolve(path), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read config file " + path + " of pod " + podName, e);
            }
        });
        return new SecretBuilder().withNewMetadata().withName(secretName(podName)).withLabels(labels).endMetadata()
                .withType("Opaque").withStringData(data).build();
    }

    /** Files that appeared since the pod was created: they reach a pod created later (the next restart). */
    List<String> added(Path configDir) {
        return paths(configDir).stream().filter(p -> !keys.containsKey(p)).toList();
    }

    private static List<String> paths(Path configDir) {
        if (!Files.isDirectory(configDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(configDir)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .map(f -> configDir.relativize(f).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the config files in " + configDir, e);
        }
    }
}
