package dev.provingground.diagnostics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

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

	/** A message larger than this closes the socket (1009): typed input is small, and pastes are cut at 4,096. */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		var container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(32 * 1024);
		container.setMaxBinaryMessageBufferSize(1024);
		container.setMaxSessionIdleTimeout(Terminals.IDLE.toMillis());
		return container;
	}

}
