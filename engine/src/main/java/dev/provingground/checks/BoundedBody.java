package dev.provingground.checks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An answer's body as text, read up to a size: a larger one fails the request and is read no further. A learner's app
 * answers the checks, and an endless answer must not fill the platform's memory.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<String> {

	private final int limit;

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private final CompletableFuture<String> body = new CompletableFuture<>();

	private Flow.Subscription subscription;

	private BoundedBody(int limit) {
		this.limit = limit;
	}

	static HttpResponse.BodyHandler<String> atMost(int limit) {
		return info -> new BoundedBody(limit);
	}

	@Override
	public CompletionStage<String> getBody() {
		return body;
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(List<ByteBuffer> buffers) {
		if (body.isDone()) {
			return;
		}
		for (ByteBuffer buffer : buffers) {
			if (bytes.size() + buffer.remaining() > limit) {
				subscription.cancel();
				body.completeExceptionally(new IOException("the answer is larger than " + limit / 1024 + " KB"));
				return;
			}
			byte[] chunk = new byte[buffer.remaining()];
			buffer.get(chunk);
			bytes.write(chunk, 0, chunk.length);
		}
	}

	@Override
	public void onError(Throwable error) {
		body.completeExceptionally(error);
	}

	@Override
	public void onComplete() {
		body.complete(bytes.toString(StandardCharsets.UTF_8));
	}

}
