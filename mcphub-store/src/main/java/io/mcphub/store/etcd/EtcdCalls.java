package io.mcphub.store.etcd;

import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import io.mcphub.store.StoreException;
import io.mcphub.store.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for jetcd's futures with a bound, and turns its failures into store exceptions that say what to check. */
final class EtcdCalls {

    /** Beyond the gRPC deadline, so that etcd's own DEADLINE_EXCEEDED normally arrives first. */
    private static final long MARGIN_MS = 2_000;

    private final String endpoints;
    private final Duration timeout;

    EtcdCalls(List<String> endpoints, Duration timeout) {
        this.endpoints = String.join(",", endpoints);
        this.timeout = timeout;
    }

    <T> T await(CompletableFuture<T> call, String what) {
        try {
            return call.get(timeout.toMillis() + MARGIN_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw unavailable(what, e);
        } catch (ExecutionException e) {
            throw failure(what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new StoreException("interrupted during " + what + " on etcd " + endpoints, e);
        }
    }

    StoreException failure(String what, Throwable error) {
        Throwable cause = unwrap(error);
        if (lostConnection(cause)) {
            return unavailable(what, cause);
        }
        return switch (code(cause)) {
            case "UNAVAILABLE", "DEADLINE_EXCEEDED" -> unavailable(what, cause);
            default -> new StoreException("etcd " + endpoints + ": " + what + " failed: " + message(cause), cause);
        };
    }

    /**
     * A call in flight when etcd went away does not always fail as UNAVAILABLE: depending on the moment, gRPC
     * reports the dropped channel as UNKNOWN or CANCELLED ("channel closed"). To the caller it is the same outage.
     */
    private static boolean lostConnection(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException || String.valueOf(t.getMessage()).contains("channel closed")) {
                return true;
            }
        }
        return false;
    }

    private StoreUnavailableException unavailable(String what, Throwable cause) {
        return new StoreUnavailableException("etcd at " + endpoints + " did not answer " + what + " within "
                + timeout.toSeconds() + " s: check that etcd is running and reachable from this host"
                + " (ETCDCTL_API=3 etcdctl --endpoints=" + endpoints + " endpoint health)", cause);
    }

    /** The gRPC status code name, whether jetcd passed the gRPC exception through or wrapped it in its own. */
    static String code(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof EtcdException etcd) {
            return etcd.getErrorCode().name();
        }
        return Status.fromThrowable(cause).getCode().name();
    }

    /** Whether etcd said the revision asked for was compacted, in any of the ways jetcd reports it. */
    static boolean isCompacted(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof CompactedException
                || (cause != null && message(cause).contains("required revision has been compacted"));
    }

    /** etcd's compact revision (the oldest it keeps) when jetcd passed it on, else 0. */
    static long compactRevision(Throwable error) {
        return unwrap(error) instanceof CompactedException compacted ? compacted.getCompactedRevision() : 0;
    }

    static String message(Throwable error) {
        Throwable cause = unwrap(error);
        String description = cause instanceof EtcdException ? cause.getMessage()
                : Status.fromThrowable(cause).getDescription();
        return description != null ? description : String.valueOf(cause);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
