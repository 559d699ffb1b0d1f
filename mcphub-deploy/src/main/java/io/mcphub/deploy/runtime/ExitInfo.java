package io.mcphub.deploy.runtime;

import java.time.Instant;

/**
 * How an instance's last process ended.
 *
 * @param code the exit status; 128 + n when signal n ended it (the shell's convention, which the JDK follows)
 * @param reason why, in words: {@code exited}, {@code unhealthy}, {@code stopped}, {@code could not start: …}
 */
public record ExitInfo(int code, Instant at, String reason) {}
