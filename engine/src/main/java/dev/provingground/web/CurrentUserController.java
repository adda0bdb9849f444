package dev.provingground.web;

import java.util.List;

import dev.provingground.identity.Groups;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is signed in, and what the UI should offer them. */
@RestController
class CurrentUserController {

	@GetMapping("/api/me")
	CurrentUser me(Authentication authentication) {
		List<String> groups = Groups.of(authentication);
		return new CurrentUser(authentication.getName(), groups, groups.contains(Groups.ADMINS));
	}

	record CurrentUser(String userId, List<String> groups, boolean admin) {
	}

}
