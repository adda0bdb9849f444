package dev.provingground.loadgen;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;

/**
 * A run's connections and the requests waiting for one. A run lives on one event loop: everything here runs on it, so
 * nothing needs a lock.
 */
final class ConnectionPool {

	/** How often timeouts are checked; a timeout is reported at most this much late. */
	private static final long SWEEP_MILLIS = 10;

	private final Run run;

	private final EventLoop loop;

	private final Bootstrap bootstrap;

	private final RequestFactory requests;

	private final int maxConnections;

	private final long timeoutNanos;

	private final Set<Connection> open = new LinkedHashSet<>();

	/** Most recently used last: reusing a warm connection first keeps the others' count low. */
	private final ArrayDeque<Connection> idle = new ArrayDeque<>();

	/** Intended send times of requests that found every connection busy, oldest first. */
	private final ArrayDeque<Long> waiting = new ArrayDeque<>();

	private ScheduledFuture<?> sweeper;

	ConnectionPool(Run run, EventLoop loop, InetSocketAddress target, RequestFactory requests, int maxConnections,
			long timeoutNanos) {
		this.run = run;
		this.loop = loop;
		this.requests = requests;
		this.maxConnections = maxConnections;
		this.timeoutNanos = timeoutNanos;
		this.bootstrap = new Bootstrap().group(loop)
			.channel(NioSocketChannel.class)
			.remoteAddress(target)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
					(int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + 1))
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline().addLast(new HttpClientCodec());
				}
			});
	}

	EventLoop loop() {
		return loop;
	}

	Bootstrap bootstrap() {
		return bootstrap;
	}

	FullHttpRequest newRequest() {
		return requests.next();
	}

	void start() {
		sweeper = loop.scheduleAtFixedRate(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
	}

	/** A request is due: send it on an idle connection, a new one, or wait for one (its latency runs meanwhile). */
	void submit(long intendedNanos) {
		Connection connection = idle.pollLast();
		if (connection != null) {
			connection.send(intendedNanos);
		}
		else if (open.size() < maxConnections) {
			connect(intendedNanos);
		}
		else {
			waiting.addLast(intendedNanos);
		}
	}

	private void connect(long intendedNanos) {
		Connection connection = new Connection(this);
		open.add(connection);
		connection.open(intendedNanos);
	}

	void answered(Connection connection, long intendedNanos, int status, boolean keepAlive) {
		long now = System.nanoTime();
		// Free the connection first: in the closed model, completing starts the user's next request, which should
		// find it idle.
		if (keepAlive) {
			reuse(connection);
		}
		else {
			connection.close();
		}
		run.completed(intendedNanos, now, status >= 400 ? "status " + status : null, true);
	}

	void failed(long intendedNanos, String errorKind) {
		run.completed(intendedNanos, System.nanoTime(), errorKind, false);
	}

	private void reuse(Connection connection) {
		Long next = waiting.pollFirst();
		if (next != null) {
			connection.send(next);
		}
		else {
			idle.addLast(connection);
		}
	}

	/** A connection is gone; a waiting request gets a new one in its place. */
	void closed(Connection connection) {
		open.remove(connection);
		idle.remove(connection);
		if (!waiting.isEmpty() && open.size() < maxConnections && run.isRunning()) {
			connect(waiting.pollFirst());
		}
	}

	/** Fails requests (waiting or sent) that have been due for longer than the timeout. */
	private void sweep() {
		long now = System.nanoTime();
		long dueBefore = now - timeoutNanos;
		while (!waiting.isEmpty() && waiting.peekFirst() <= dueBefore) {
			run.completed(waiting.pollFirst(), now, "timeout", false);
		}
		for (Connection connection : open.toArray(new Connection[0])) {
			if (connection.busySince(dueBefore)) {
				connection.timeOut();
			}
		}
	}

	/** Ends the run's traffic: requests still waiting or in flight are dropped, not counted. */
	void stop() {
		if (sweeper != null) {
			sweeper.cancel(false);
		}
		waiting.clear();
		for (Connection connection : open.toArray(new Connection[0])) {
			connection.abandon();
		}
	}

}
