package io.releaseguard.engine.health;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A body handler that reads at most {@code max} bytes. The rule: a {@code Content-Length} above the cap fails at once
 * without reading; a streamed body fails as soon as it passes the cap; either way the subscription is cancelled, which
 * closes the connection. {@link #expire} lets the caller's deadline stop a slow drip the same way.
 */
final class CappedBody implements HttpResponse.BodyHandler<byte[]> {
    private final long max;
    private volatile Subscriber subscriber;
    private volatile int status = -1;

    CappedBody(long max) {
        this.max = max;
    }

    /** Thrown into the response future when the body is larger than the cap. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        status = info.statusCode();
        long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
        Subscriber s = new Subscriber(max);
        subscriber = s;
        if (declared > max) {
            s.fail(new TooLarge(
                    "body of " + declared + " bytes (Content-Length) exceeds maxBodyBytes " + max + "; not read"));
        }
        return s;
    }

    /** The status, when the headers arrived. */
    OptionalInt status() {
        return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** Bytes of body received so far. */
    long received() {
        Subscriber s = subscriber;
        return s == null ? 0 : s.received;
    }

    private volatile boolean expired;

    /** The deadline passed: stops reading (cancelling the subscription closes the connection). */
    void expire() {
        expired = true;
        Subscriber s = subscriber;
        if (s != null) {
            s.fail(new IOException("deadline passed"));
        }
    }

    /** Whether {@link #expire} was called. */
    boolean expired() {
        return expired;
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;
        private volatile long received;

        Subscriber(long max) {
            this.max = max;
        }

        void fail(Throwable t) {
            result.completeExceptionally(t);
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (result.isDone()) {
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                int n = b.remaining();
                if (received + n > max) {
                    received += n;
                    fail(new TooLarge(
                            "body exceeds maxBodyBytes " + max + " (stopped reading after " + received + " bytes)"));
                    return;
                }
                received += n;
                byte[] chunk = new byte[n];
                b.get(chunk);
                buffer.write(chunk, 0, n);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }
}
