package dev.provingground.diagnostics;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provingground.identity.Groups;
import dev.provingground.provisioning.StackShell;
import dev.provingground.runs.RunNotFoundException;
import dev.provingground.runs.ScenarioRun;
import dev.provingground.runs.ScenarioRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The terminal's socket, {@code /api/runs/{runId}/diagnostics/terminal?cols=&rows=}. The handshake needs the session
 * of the run's learner or of an admin, who watches read-only (anyone else gets 404, as for the run), and a page of
 * this origin. The page sends JSON text:
 * {@code {"type":"input","data":"..."}} or {@code {"type":"resize","cols":80,"rows":24}}; the server sends what the
 * terminal shows as binary frames, and {@code {"type":"closed","message":"..."}} before it closes, and to the learner
 * {@code {"type":"watched","admins":n}} whenever the number of admins watching changes. Input is bounded:
 * {@value #MAX_INPUT} characters a message, and {@value #MAX_MESSAGES_PER_SECOND} messages a second.
 */
@Component
class TerminalSocket extends TextWebSocketHandler implements HandshakeInterceptor {

	private static final Logger log = LoggerFactory.getLogger(TerminalSocket.class);

	static final String PATH = "/api/runs/*/diagnostics/terminal";

	static final int MAX_INPUT = 4096;

	static final int MAX_MESSAGES_PER_SECOND = 200;

	/** What the socket may hold back for a slow page before it gives up on it. */
	private static final int SEND_BUFFER = 1024 * 1024;

	private static final Pattern RUN = Pattern.compile("^/api/runs/([0-9a-fA-F-]{36})/diagnostics/terminal$");

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Terminals terminals;

	private final ScenarioRuns runs;

	TerminalSocket(Terminals terminals, ScenarioRuns runs) {
		this.terminals = terminals;
		this.runs = runs;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		Principal user = request.getPrincipal();
		UUID runId = runIdOf(request.getURI());
		if (user == null) {
			response.setStatusCode(HttpStatus.UNAUTHORIZED);
			return false;
		}
		boolean watching;
		try {
			if (runId == null) {
				throw new RunNotFoundException(null);
			}
			ScenarioRun run = runs.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
			watching = !run.learnerId().equals(user.getName());
			if (watching && !(user instanceof Authentication authentication && Groups.isMember(authentication, Groups.ADMINS))) {
				throw new RunNotFoundException(runId);
			}
		}
		catch (RunNotFoundException ex) {
			response.setStatusCode(HttpStatus.NOT_FOUND);
			return false;
		}
		attributes.put("runId", runId);
		attributes.put("userId", user.getName());
		attributes.put("watching", watching);
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception exception) {
	}

	private static UUID runIdOf(URI uri) {
		Matcher matcher = RUN.matcher(uri.getPath());
		try {
			return matcher.matches() ? UUID.fromString(matcher.group(1)) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** A page's side of one session: what it is shown, and how fast it types. */
	private static final class Page implements TerminalSession.Viewer {

		final WebSocketSession socket;

		/** An admin's page, which is shown the terminal and types nothing. */
		final boolean watching;

		TerminalSession session;

		long windowStart = System.nanoTime();

		int messagesInWindow;

		Page(WebSocketSession socket, boolean watching) {
			this.watching = watching;
			this.socket = new ConcurrentWebSocketSessionDecorator(socket, 10_000, SEND_BUFFER);
		}

		@Override
		public void show(byte[] output) {
			try {
				socket.sendMessage(new BinaryMessage(output));
			}
			catch (IOException | RuntimeException ex) {
				close(CloseStatus.SESSION_NOT_RELIABLE);
			}
		}

		@Override
		public void end(String why) {
			say(why);
			close(CloseStatus.NORMAL);
		}

		@Override
		public void watchedBy(int admins) {
			send(Map.of("type", "watched", "admins", admins));
		}

		void say(String why) {
			send(Map.of("type", "closed", "message", why));
		}

		private void send(Map<String, Object> message) {
			try {
				socket.sendMessage(new TextMessage(JSON.writeValueAsString(message)));
			}
			catch (IOException | RuntimeException ex) {
				// the page is gone already
			}
		}

		void close(CloseStatus status) {
			try {
				socket.close(status);
			}
			catch (IOException ex) {
				// gone already
			}
		}

		/** False once the page sent more than its share of messages in the current second. */
		boolean withinRate() {
			long now = System.nanoTime();
			if (now - windowStart > 1_000_000_000L) {
				windowStart = now;
				messagesInWindow = 0;
			}
			return ++messagesInWindow <= MAX_MESSAGES_PER_SECOND;
		}

	}

	/** A message larger than this closes the socket (1009): typed input is small, and pastes are cut at 4,096. */
	private static final int MAX_MESSAGE_BYTES = 32 * 1024;

	@Override
	public void afterConnectionEstablished(WebSocketSession socket) {
		socket.setTextMessageSizeLimit(MAX_MESSAGE_BYTES);
		socket.setBinaryMessageSizeLimit(1024);
		var page = new Page(socket, Boolean.TRUE.equals(socket.getAttributes().get("watching")));
		socket.getAttributes().put("page", page);
		UUID runId = (UUID) socket.getAttributes().get("runId");
		String userId = (String) socket.getAttributes().get("userId");
		try {
			if (page.watching) {
				log.info("Admin {} watches the terminal of run {}", userId, runId);
				page.session = terminals.watched(runId);
				page.session.watch(page);
				return;
			}
			int cols = sizeParameter(socket.getUri(), "cols", 80);
			int rows = sizeParameter(socket.getUri(), "rows", 24);
			page.session = terminals.open(runId, userId, cols, rows);
			page.session.attach(page);
		}
		catch (DiagnosticsException | IllegalArgumentException | RunNotFoundException ex) {
			page.end(ex.getMessage());
		}
	}

	private static int sizeParameter(URI uri, String name, int fallback) {
		String value = uri == null ? null
				: UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst(name);
		try {
			return value == null ? fallback : Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("The terminal's " + name + " must be a whole number");
		}
	}

	@Override
	protected void handleTextMessage(WebSocketSession socket, TextMessage message) throws IOException {
		Page page = (Page) socket.getAttributes().get("page");
		if (page == null || page.session == null) {
			return;
		}
		if (!page.withinRate()) {
			page.say("The terminal closed: more than " + MAX_MESSAGES_PER_SECOND + " messages a second.");
			page.close(CloseStatus.POLICY_VIOLATION);
			return;
		}
		JsonNode command;
		try {
			command = JSON.readTree(message.getPayload());
		}
		catch (IOException ex) {
			command = null;
		}
		String type = command == null ? "" : command.path("type").asText();
		if (page.watching) {
			if (type.equals("input")) {
				page.show("\r\n[You are watching: the terminal is the learner's, and takes no input from you.]\r\n"
					.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			}
			return; // a watcher's window size is its own: the learner's terminal keeps the learner's
		}
		switch (type) {
			case "input" -> {
				String data = command.path("data").asText();
				if (data.length() > MAX_INPUT) {
					page.show(("\r\n[Paste at most " + MAX_INPUT + " characters at a time; this was " + data.length()
							+ ".]\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
					return;
				}
				page.session.type(data);
			}
			case "resize" -> {
				int cols = command.path("cols").asInt(-1);
				int rows = command.path("rows").asInt(-1);
				if (cols >= 1 && cols <= StackShell.MAX_COLUMNS && rows >= 1 && rows <= StackShell.MAX_ROWS) {
					page.session.resize(cols, rows);
				}
			}
			default -> page.show("\r\n[The terminal understands input and resize messages only.]\r\n"
				.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
		Page page = (Page) socket.getAttributes().get("page");
		if (page != null && page.session != null) {
			page.session.detach(page);
		}
	}

}
