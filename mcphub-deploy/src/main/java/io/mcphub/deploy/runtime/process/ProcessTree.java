package io.mcphub.deploy.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A process and everything it spawned ({@code npx} runs {@code sh}, which runs {@code node}). Signals go to every
 * member, not just the root: a child whose parent died is re-parented to init and would otherwise live on.
 */
final class ProcessTree {

    private static final long POLL_MILLIS = 25;
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private ProcessTree() {}

    /** The root and its living descendants, now. */
    static Set<ProcessHandle> members(ProcessHandle root) {
        Set<ProcessHandle> members = new LinkedHashSet<>();
        if (running(root)) {
            members.add(root);
        }
        root.descendants().filter(ProcessTree::running).forEach(members::add);
        return members;
    }

    /**
     * SIGTERM to every member (and to children they fork meanwhile), SIGKILL to whatever is left after
     * {@code grace}. Returns whether the whole tree is gone.
     */
    static boolean terminate(Collection<ProcessHandle> known, Duration grace) {
        Set<ProcessHandle> tree = expand(known);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (anyRunning(tree) && System.nanoTime() < deadline) {
            sleep();
            tree = expand(tree);
        }
        if (!anyRunning(tree)) {
            return true;
        }
        tree = expand(tree);
        tree.forEach(ProcessHandle::destroyForcibly);
        long killDeadline = System.nanoTime() + KILL_WAIT.toNanos();
        while (anyRunning(tree) && System.nanoTime() < killDeadline) {
            sleep();
        }
        return !anyRunning(tree);
    }

    /**
     * Alive and not a zombie: a zombie has already exited and only waits for its parent to collect its status,
     * which no signal can speed up.
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }

    private static Set<ProcessHandle> expand(Collection<ProcessHandle> known) {
        Set<ProcessHandle> tree = new LinkedHashSet<>(known);
        for (ProcessHandle member : known) {
            if (running(member)) {
                member.descendants().forEach(tree::add);
            }
        }
        tree.removeIf(p -> p.pid() == ProcessHandle.current().pid());
        return tree;
    }

    private static boolean anyRunning(Collection<ProcessHandle> tree) {
        return tree.stream().anyMatch(ProcessTree::running);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
