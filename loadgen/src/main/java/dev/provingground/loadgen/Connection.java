package dev.provingground.loadgen;

import java.lang.reflect.Modifier;
import java.nio.channels.ClosedChannelException;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * One keep-alive HTTP/1.1 connection carrying at most one request at a time (no pipelining, like a browser or wrk).
 * Lives on its pool's event loop, like everything it touches.
 */
final class Connection extends ChannelInboundHandlerAdapter {

	private static final long IDLE = Long.MIN_VALUE;

	private final ConnectionPool pool;

	private Channel channel;

	/** When the current request was due, or {@link #IDLE}. */
	private long intendedNanos = IDLE;

	private int status;

	private boolean keepAlive;

	Connection(ConnectionPool pool) {
		this.pool = pool;
	}

	/** Opens the connection for a request, which is sent once connected. */
	void open(long intendedNanos) {
		this.intendedNanos = intendedNanos;
		ChannelFuture connecting = pool.bootstrap().connect();
		channel = connecting.channel();
		channel.pipeline().addLast(this);
		// Connect first: a refused connect also closes the channel, and should count as the connect's error.
		connecting.addListener(connected -> {
			if (!connected.isSuccess()) {
				fail(connected.cause());
			}
			else if (this.intendedNanos != IDLE) {
				write();
			}
		});
		channel.closeFuture().addListener(closed -> {
			fail(new ClosedChannelException());
			pool.closed(this);
		});
	}

	void send(long intendedNanos) {
		this.intendedNanos = intendedNanos;
		write();
	}

	private void write() {
		status = 0;
		keepAlive = true;
		channel.writeAndFlush(pool.newRequest(), channel.voidPromise());
	}

	boolean busySince(long nanos) {
		return intendedNanos != IDLE && intendedNanos <= nanos;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object message) {
		try {
			if (message instanceof HttpResponse response) {
				status = response.status().code();
				keepAlive = HttpUtil.isKeepAlive(response);
			}
			if (message instanceof LastHttpContent && intendedNanos != IDLE) {
				long intended = intendedNanos;
				intendedNanos = IDLE;
				pool.answered(this, intended, status, keepAlive);
			}
		}
		finally {
			ReferenceCountUtil.release(message);
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		fail(cause);
	}

	/** HTTP/1.1 cannot abandon one request and keep the connection, so a timeout costs the connection. */
	void timeOut() {
		failWith("timeout");
	}

	private void fail(Throwable cause) {
		failWith(errorKind(cause));
	}

	private void failWith(String errorKind) {
		if (intendedNanos != IDLE) {
			long intended = intendedNanos;
			intendedNanos = IDLE;
			pool.failed(intended, errorKind);
		}
		close();
	}

	void close() {
		if (channel != null) {
			channel.close();
		}
	}

	/** Dropped at the end of a run: no error is recorded for the request, if any. */
	void abandon() {
		intendedNanos = IDLE;
		close();
	}

	/**
	 * The exception's simple name. Netty wraps the JDK's exceptions in private subclasses that add the address
	 * (AnnotatedConnectException); the public type is the one people know and search for.
	 */
	static String errorKind(Throwable cause) {
		Class<?> type = cause.getClass();
		while (!Modifier.isPublic(type.getModifiers()) && type.getSuperclass() != Object.class) {
			type = type.getSuperclass();
		}
		return type.getSimpleName();
	}

}
