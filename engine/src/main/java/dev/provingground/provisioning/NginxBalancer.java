package dev.provingground.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

	static Process start(String nginx, UUID stackId, Path stackDir, int port, List<Integer> replicaPorts, String method,
			Path log) throws IOException {
		Path dir = Files.createDirectories(stackDir.resolve("balancer"));
		Path config = dir.resolve("nginx.conf");
		Files.writeString(config, config(dir, stackDir.resolve("logs"), port, replicaPorts, method));
		return OsProcesses.start(List.of(nginx, "-p", dir.toString(), "-c", config.toString()), dir, Map.of(), log,
				stackId);
	}

	/** The balancer's access log: one line per request, {@code <upstream address> <status> <seconds>}. */
	static Path accessLog(Path stackDir) {
		return stackDir.resolve("logs").resolve(ACCESS_LOG);
	}

	static String config(Path dir, Path logs, int port, List<Integer> replicaPorts, String method) {
		String servers = replicaPorts.stream()
			.map(replica -> "    server 127.0.0.1:" + replica + " max_fails=0;")
			.collect(Collectors.joining("\n"));
		String balancing = "least_conn".equals(method) ? "    least_conn;\n" : "";
		// As root, nginx would hand its workers to 'nobody', who could not write the temp files in the stack's directory.
		String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
		return user + """
				daemon off;
				worker_processes 1;
				pid %1$s/nginx.pid;
				error_log stderr warn;
				events { worker_connections 4096; }
				http {
				  log_format replica '$upstream_addr $status $request_time';
				  access_log %2$s/%3$s replica;
				  client_body_temp_path %1$s/client_body;
				  proxy_temp_path %1$s/proxy;
				  fastcgi_temp_path %1$s/fastcgi;
				  uwsgi_temp_path %1$s/uwsgi;
				  scgi_temp_path %1$s/scgi;
				  upstream app {
				%4$s
				%5$s    keepalive 64;
				  }
				  server {
				    listen 127.0.0.1:%6$d;
				    location / {
				      proxy_pass http://app;
				      proxy_http_version 1.1;
				      proxy_set_header Connection "";
				      proxy_set_header Host $host;
				      proxy_next_upstream off;
				    }
				  }
				}
				""".formatted(dir, logs, ACCESS_LOG, servers, balancing, port);
	}

}
