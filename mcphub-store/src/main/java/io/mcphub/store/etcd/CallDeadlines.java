package io.mcphub.store.etcd;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Puts a deadline on every etcd call but watches. jetcd waits for a ready connection before sending a call and sets no
 * deadline of its own, so without this a call made while etcd is down would wait for as long as etcd stays down.
 */
final class CallDeadlines implements ClientInterceptor {

    private static final String WATCH_SERVICE = "etcdserverpb.Watch";

    private final long timeoutMs;

    CallDeadlines(Duration timeout) {
        this.timeoutMs = timeout.toMillis();
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        boolean longLived = WATCH_SERVICE.equals(method.getServiceName());
        if (!longLived && options.getDeadline() == null) {
            options = options.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS);
        }
        return next.newCall(method, options);
    }
}
