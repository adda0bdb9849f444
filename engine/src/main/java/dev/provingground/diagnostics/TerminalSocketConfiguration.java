package dev.provingground.diagnostics;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Registers the terminal's socket. Only pages of this platform's own origin may open it (Spring's default without
 * allowed origins): a page elsewhere cannot use a learner's session cookie to type in their shell.
 */
@Configuration
@EnableWebSocket
class TerminalSocketConfiguration implements WebSocketConfigurer {

	private final TerminalSocket socket;

	TerminalSocketConfiguration(TerminalSocket socket) {
		this.socket = socket;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(socket, TerminalSocket.PATH).addInterceptors(socket);
	}

}
