package dev.provingground.web;

import java.util.List;

import dev.provingground.identity.Groups;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is signed in, and what the UI should offer them. */
@RestController
class CurrentUserController {

	@GetMapping("/api/me")
	CurrentUser me(Authentication authentication) {
		List<String> roles = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(authority -> authority.startsWith("ROLE_"))
			.map(authority -> authority.substring("ROLE_".length()))
			.sorted()
			.toList();
		List<String> groups = Groups.ALL.stream().filter(group -> roles.contains(Groups.roleOf(group))).toList();
		return new CurrentUser(authentication.getName(), groups, roles.contains(Groups.roleOf(Groups.ADMINS)));
	}

	record CurrentUser(String userId, List<String> groups, boolean admin) {
	}

}
