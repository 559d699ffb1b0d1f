package io.mcphub.deploy.runtime.log;

/**
 * How much output an instance keeps: {@code maxFiles} files of at most {@code maxFileBytes} each, the current one
 * included, so a chatty process can never fill the disk.
 */
public record LogPolicy(long maxFileBytes, int maxFiles) {

    public static final LogPolicy DEFAULT = new LogPolicy(10L * 1024 * 1024, 5);

    public LogPolicy {
        if (maxFileBytes < 1024) {
            throw new IllegalArgumentException("log maxFileBytes must be at least 1 KiB, got " + maxFileBytes);
        }
        if (maxFiles < 1) {
            throw new IllegalArgumentException("log maxFiles must be at least 1, got " + maxFiles);
        }
    }
}
