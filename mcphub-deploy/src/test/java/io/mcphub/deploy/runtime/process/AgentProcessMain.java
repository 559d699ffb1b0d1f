package io.mcphub.deploy.runtime.process;

import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.InstanceState;
import io.mcphub.deploy.runtime.Processes;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Stands in for an agent JVM in {@link AgentExitTest}: starts one instance with a process tree, prints the tree's
 * pids, and waits to be signalled.
 */
public final class AgentProcessMain {

    public static void main(String[] args) throws Exception {
        ProcessRuntime runtime = new ProcessRuntime();
        Instance instance = runtime.start(InstanceSpec.builder("tree", "svc", "sh")
                .args("-c", "sleep 300 & sleep 300 & wait").build(), Path.of(args[0]));
        while (instance.state() != InstanceState.HEALTHY || Processes.tree(instance.pid().orElseThrow()).size() < 3) {
            Thread.sleep(20);
        }
        System.out.println("PIDS " + Processes.tree(instance.pid().orElseThrow()).stream().map(String::valueOf)
                .collect(Collectors.joining(" ")));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
