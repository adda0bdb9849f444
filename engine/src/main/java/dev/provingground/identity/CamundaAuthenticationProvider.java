package dev.provingground.identity;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks passwords against Camunda's IdentityService and grants one role per group. Camunda counts failed attempts
 * and delays or locks the user, so brute force is slowed down here too.
 */
@Component
class CamundaAuthenticationProvider implements AuthenticationProvider {

	private final IdentityService identity;

	CamundaAuthenticationProvider(IdentityService identity) {
		this.identity = identity;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String userId = authentication.getName();
		Object credentials = authentication.getCredentials();
		if (userId == null || userId.isBlank() || credentials == null
				|| !identity.checkPassword(userId, credentials.toString())) {
			throw new BadCredentialsException("Unknown user or wrong password");
		}
		List<GrantedAuthority> roles = identity.createGroupQuery()
			.groupMember(userId)
			.list()
			.stream()
			.filter(group -> Groups.ALL.contains(group.getId()))
			.<GrantedAuthority>map(group -> new SimpleGrantedAuthority("ROLE_" + Groups.roleOf(group.getId())))
			.toList();
		return UsernamePasswordAuthenticationToken.authenticated(userId, null, roles);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
