package dev.provingground.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The stack's load balancer: Debian's nginx with a generated configuration, in the foreground, everything (config,
 * logs, temp files, pid) in the stack's directory. Its access log records which replica served each request.
 */
final class NginxBalancer {

	/** The access log's format: the replica's address, the status and the time taken, one request per line. */
	static final String ACCESS_LOG = "balancer-access.log";

	private NginxBalancer() {
	}

	/**
	 * Writes the configuration of a local stack's balancer into {@code <stack>/balancer}, where nginx keeps its pid,
	 * temp files and access log, and returns that directory; nginx listens on {@code port} of the stack's network
	 * namespace and reaches the replicas on its loopback.
	 */
	static Path prepare(Path stackDir, int port, List<Integer> replicaPorts, String method) throws IOException {
		Path dir = Files.createDirectories(stackDir.resolve("balancer"));
		Files.writeString(dir.resolve("nginx.conf"), config(dir.toString(), accessLog(stackDir).toString(),
				Integer.toString(port), replicaPorts.stream().map(replica -> "127.0.0.1:" + replica).toList(), method));
		return dir;
	}

	/** The command that runs the balancer prepared in {@code dir}, in the foreground, logging errors to stderr. */
	static List<String> command(String nginx, Path dir) {
		return List.of(nginx, "-e", "stderr", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString());
	}

	/**
	 * The balancer's access log: one line per request, {@code <upstream address> <status> <seconds> "<request line>"
	 * <time>}; the replica's address comes first, as {@link BalancerTraffic} reads it.
	 */
	static Path accessLog(Path stackDir) {
		return stackDir.resolve("balancer").resolve(ACCESS_LOG);
	}

	/**
	 * The configuration of a balancer in the foreground.
	 * @param dir where nginx keeps its pid and temp files
	 * @param accessLog where each request's replica, status and time go
	 * @param listen the address nginx listens on
	 * @param replicas the replicas' addresses, {@code host:port}, in replica order
	 */
	static String config(String dir, String accessLog, String listen, List<String> replicas, String method) {
		String servers = replicas.stream()
			.map(replica -> "    server " + replica + " max_fails=0;")
			.collect(Collectors.joining("\n"));
		String balancing = "least_conn".equals(method) ? "    least_conn;\n" : "";
		// No "user": nginx runs as the stack's unprivileged user, master and workers alike.
		return """
				daemon off;
				worker_processes 1;
				pid %1$s/nginx.pid;
				error_log stderr warn;
				events { worker_connections 4096; }
				http {
				  log_format replica '$upstream_addr $status $request_time "$request" $time_iso8601';
				  access_log %2$s replica;
				  client_body_temp_path %1$s/client_body;
				  proxy_temp_path %1$s/proxy;
				  fastcgi_temp_path %1$s/fastcgi;
				  uwsgi_temp_path %1$s/uwsgi;
				  scgi_temp_path %1$s/scgi;
				  upstream app {
				%3$s
				%4$s    keepalive 64;
				  }
				  server {
				    listen %5$s;
				    location / {
				      proxy_pass http://app;
				      proxy_http_version 1.1;
				      proxy_set_header Connection "";
				      proxy_set_header Host $host;
				      proxy_next_upstream off;
				    }
				  }
				}
				""".formatted(dir, accessLog, servers, balancing, listen);
	}

}
