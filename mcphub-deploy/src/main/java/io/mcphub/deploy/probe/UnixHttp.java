package io.mcphub.deploy.probe;

import io.mcphub.deploy.runtime.docker.DockerEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** An HTTP GET over a Unix domain socket, which is how the Docker engine answers on its socket. */
@FunctionalInterface
public interface UnixHttp {

    /** Empty when nothing answers: no socket file, refused, not permitted, too slow, or not HTTP. */
    Optional<Reply> get(Path socket, String requestPath);

    record Reply(int status, String body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    /**
     * A plain client that gives up after {@code timeout}, connecting and answering included: the Docker runtime's
     * own engine client, so the probe finds the engine exactly as the runtime will talk to it.
     */
    static UnixHttp client(Duration timeout) {
        return (socket, requestPath) -> new DockerEngine(socket, timeout).tryGet(requestPath)
                .map(reply -> new Reply(reply.status(), reply.body()));
    }
}
