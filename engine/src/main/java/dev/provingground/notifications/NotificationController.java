package dev.provingground.notifications;

import java.util.List;

import dev.provingground.identity.Groups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Notifications", description = "What the signed-in user has to read")
class NotificationController {

	private final Notifications notifications;

	NotificationController(Notifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping("/api/notifications")
	@Operation(summary = "The user's notifications and their groups', newest first")
	List<Notification> mine(Authentication user, @RequestParam(defaultValue = "false") boolean unread) {
		return notifications.of(user.getName(), Groups.of(user), unread, 100);
	}

	@PostMapping("/api/notifications/{id}/read")
	@Operation(summary = "Mark a notification read")
	ResponseEntity<Void> read(Authentication user, @PathVariable long id) {
		return notifications.markRead(id, user.getName(), Groups.of(user)) ? ResponseEntity.noContent().build()
				: ResponseEntity.notFound().build();
	}

}
