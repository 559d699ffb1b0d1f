package io.mcphub.deploy.runtime;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** What tests need to know about real OS processes: who is a descendant, and who is still alive. */
public final class Processes {

    private Processes() {}

    /** The process and all its descendants, by pid. */
    public static Set<Long> tree(long pid) {
        Set<Long> pids = new LinkedHashSet<>();
        ProcessHandle.of(pid).ifPresent(p -> {
            pids.add(p.pid());
            p.descendants().forEach(d -> pids.add(d.pid()));
        });
        return pids;
    }

    /** Pids from {@code pids} that still run (a zombie has exited, it only waits to be collected). */
    public static Set<Long> alive(Collection<Long> pids) {
        Set<Long> alive = new LinkedHashSet<>();
        for (long pid : pids) {
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> !zombie(pid)).ifPresent(p -> alive.add(pid));
        }
        return alive;
    }

    public static void kill9(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    private static boolean zombie(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
