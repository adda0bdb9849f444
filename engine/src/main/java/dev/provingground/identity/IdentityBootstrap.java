package dev.provingground.identity;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.provingground.platform.PlatformSettings;
import dev.provingground.platform.StartupSummary;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Makes sure the groups exist, and creates the demo users (demo mode) or the first admin (production). Runs on every
 * start and is idempotent.
 */
@Component
class IdentityBootstrap implements ApplicationRunner, StartupSummary {

	/**
	 * Demo user ids and the groups each belongs to. Two learners, so that a peer session can be tried out, and a
	 * tester, a learner who may also try the platform's own test packages.
	 */
	static final Map<String, List<String>> DEMO_USERS = Map.of("learner", List.of(Groups.LEARNERS), "learner2",
			List.of(Groups.LEARNERS), "tester", List.of(Groups.LEARNERS, Groups.TESTERS), "evaluator",
			List.of(Groups.EVALUATORS), "admin", List.of(Groups.ADMINS));

	private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private final IdentityService identity;

	private final IdentitySettings settings;

	private final Path demoLoginsFile;

	private final SecureRandom random = new SecureRandom();

	private final List<String> summary = new ArrayList<>();

	IdentityBootstrap(IdentityService identity, IdentitySettings settings, PlatformSettings platform) {
		this.identity = identity;
		this.settings = settings;
		this.demoLoginsFile = platform.dataDir().resolve("demo-logins.properties");
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		Groups.ALL.forEach(this::ensureGroup);
		if (settings.demo()) {
			createDemoUsers();
		}
		else {
			createFirstAdmin();
		}
	}

	@Override
	public List<String> lines() {
		return summary;
	}

	private void createDemoUsers() throws IOException {
		Properties generated = loadGeneratedPasswords();
		Map<String, String> logins = new LinkedHashMap<>();
		for (String userId : List.of("learner", "learner2", "tester", "evaluator", "admin")) {
			String password = settings.demoPasswords().get(userId);
			if (!StringUtils.hasText(password)) {
				password = generated.getProperty(userId);
			}
			if (!StringUtils.hasText(password)) {
				password = generatePassword();
				generated.setProperty(userId, password);
			}
			upsertUser(userId, password, DEMO_USERS.get(userId).get(0));
			DEMO_USERS.get(userId).forEach(group -> ensureMembership(userId, group));
			logins.put(userId, password);
		}
		saveGeneratedPasswords(generated);
		summary.add("Demo logins:  " + String.join("   ", logins.entrySet()
			.stream()
			.map(login -> login.getKey() + " / " + login.getValue())
			.toList()));
	}

	private void createFirstAdmin() {
		boolean adminExists = identity.createUserQuery().memberOfGroup(Groups.ADMINS).count() > 0;
		if (adminExists) {
			return;
		}
		if (!StringUtils.hasText(settings.adminPassword())) {
			throw new IllegalStateException("No user is in the 'admins' group yet. Set PROVINGGROUND_ADMIN_PASSWORD "
					+ "for the first start, and an 'admin' user is created with it.");
		}
		upsertUser("admin", settings.adminPassword(), Groups.ADMINS);
		summary.add("Created the first admin user 'admin'. Change its password in Camunda Admin.");
	}

	private void ensureGroup(String groupId) {
		if (identity.createGroupQuery().groupId(groupId).count() == 0) {
			var group = identity.newGroup(groupId);
			group.setName(Character.toUpperCase(groupId.charAt(0)) + groupId.substring(1));
			group.setType(groupId.equals(org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN)
					? org.camunda.bpm.engine.authorization.Groups.GROUP_TYPE_SYSTEM
					: org.camunda.bpm.engine.authorization.Groups.GROUP_TYPE_WORKFLOW);
			identity.saveGroup(group);
		}
	}

	private void upsertUser(String userId, String password, String groupId) {
		var user = identity.createUserQuery().userId(userId).singleResult();
		if (user == null) {
			user = identity.newUser(userId);
			user.setFirstName(Character.toUpperCase(userId.charAt(0)) + userId.substring(1));
			user.setLastName("Demo");
			user.setEmail(userId + "@provingground.local");
		}
		// Always set: the configured password may have changed since the last start.
		user.setPassword(password);
		identity.saveUser(user);
		ensureMembership(userId, groupId);
		if (groupId.equals(Groups.ADMINS)) {
			// Camunda's webapps treat members of camunda-admin as administrators, and send everyone to a
			// "create the first admin" page until one exists.
			ensureGroup(org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN);
			ensureMembership(userId, org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN);
		}
	}

	private void ensureMembership(String userId, String groupId) {
		if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
			identity.createMembership(userId, groupId);
		}
	}

	private String generatePassword() {
		var password = new StringBuilder();
		for (int i = 0; i < 16; i++) {
			password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
		}
		return password.toString();
	}

	private Properties loadGeneratedPasswords() throws IOException {
		var properties = new Properties();
		if (Files.exists(demoLoginsFile)) {
			try (Reader reader = Files.newBufferedReader(demoLoginsFile)) {
				properties.load(reader);
			}
		}
		return properties;
	}

	private void saveGeneratedPasswords(Properties generated) throws IOException {
		Files.createDirectories(demoLoginsFile.getParent());
		try (Writer writer = Files.newBufferedWriter(demoLoginsFile)) {
			generated.store(writer, "Generated passwords of the demo users (demo mode only)");
		}
		Files.setPosixFilePermissions(demoLoginsFile, PosixFilePermissions.fromString("rw-------"));
	}

}
