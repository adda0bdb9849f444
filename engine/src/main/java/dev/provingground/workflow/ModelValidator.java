package dev.provingground.workflow;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.dmn.Dmn;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The platform's rules for process and decision models. The build checks the shipped models with it, and admin
 * deploys go through it too, so a model that breaks a rule never reaches the engine.
 * <p>
 * Why these rules: a model runs inside the platform's JVM, so it may call only allow-listed delegates. Scripts, Java
 * classes, free expressions and method calls in expressions would let a model run arbitrary code.
 */
public final class ModelValidator {

	static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";

	static final String CAMUNDA_BPMN_NS = "http://camunda.org/schema/1.0/bpmn";

	static final String CAMUNDA_DMN_NS = "http://camunda.org/schema/1.0/dmn";

	private static final Pattern DELEGATE_EXPRESSION = Pattern.compile("^[#$]\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}$");

	private static final Pattern EXPRESSION = Pattern.compile("[#$]\\{([^}]*)}");

	/** Ids that modelers generate, such as Task_1, Activity_0x1y2z3 or sid-1234: they say nothing. */
	private static final Pattern GENERATED_ID = Pattern.compile("^([A-Za-z]+_[0-9][0-9a-z]*|sid-.*)$");

	private final Set<String> allowedDelegates;

	public ModelValidator(Set<String> allowedDelegates) {
		this.allowedDelegates = Set.copyOf(allowedDelegates);
	}

	/** The validator with the platform's own allow-list. */
	public static ModelValidator forPlatform() {
		return new ModelValidator(ProcessDelegates.ALLOWED);
	}

	/** Checks one BPMN ({@code .bpmn}) or DMN ({@code .dmn}) file and returns every violation, or none. */
	public List<ModelViolation> validate(String resource, byte[] content) {
		var violations = new Violations(resource);
		boolean dmn = resource.endsWith(".dmn");
		if (!dmn && !resource.endsWith(".bpmn")) {
			violations.add(null, "file-type", "only .bpmn and .dmn files can be deployed");
			return violations.list;
		}
		try {
			if (dmn) {
				Dmn.readModelFromStream(new ByteArrayInputStream(content));
			}
			else {
				Bpmn.readModelFromStream(new ByteArrayInputStream(content));
			}
		}
		catch (RuntimeException ex) {
			violations.add(null, "schema", "the file is not a valid " + (dmn ? "DMN" : "BPMN") + " model: "
					+ rootCause(ex).getMessage());
			return violations.list;
		}
		Element root = parse(content);
		if (dmn) {
			checkDecisions(root, violations);
		}
		else {
			checkProcesses(root, violations);
		}
		checkCodeHooks(root, violations);
		return violations.list;
	}

	private void checkProcesses(Element root, Violations violations) {
		for (Element process : children(root, BPMN_NS, "process")) {
			if (blank(process.getAttributeNS(CAMUNDA_BPMN_NS, "historyTimeToLive"))) {
				violations.add(process.getAttribute("id"), "history-ttl",
						"set camunda:historyTimeToLive on the process, for example P180D, so its history is cleaned up");
			}
			checkIds(process, violations);
		}
	}

	private void checkDecisions(Element root, Violations violations) {
		for (Element decision : children(root, root.getNamespaceURI(), "decision")) {
			String id = decision.getAttribute("id");
			if (blank(decision.getAttributeNS(CAMUNDA_DMN_NS, "historyTimeToLive"))) {
				violations.add(id, "history-ttl",
						"set camunda:historyTimeToLive on the decision, for example P180D, so its history is cleaned up");
			}
			if (GENERATED_ID.matcher(id).matches()) {
				violations.add(id, "element-id", "give the decision an id that says what it decides, such as SciTier");
			}
		}
		walk(root, element -> {
			String language = element.getAttribute("expressionLanguage");
			if (!blank(language) && !language.equalsIgnoreCase("feel")) {
				violations.add(element.getAttribute("id"), "expression-language",
						"decisions use FEEL only, not '" + language + "'");
			}
		});
	}

	/** Every element of the process must have an id that says what it is: Task_RunChecks, not Activity_0x1y2z3. */
	private void checkIds(Element process, Violations violations) {
		walk(process, element -> {
			String id = element.getAttribute("id");
			if (BPMN_NS.equals(element.getNamespaceURI()) && !blank(id) && GENERATED_ID.matcher(id).matches()) {
				violations.add(id, "element-id", "rename '" + id + "' to say what it is, for example Task_RunChecks, "
						+ "Event_StackIdle or Flow_ChecksPassed");
			}
		});
	}

	/** Scripts, Java classes, free expressions and method calls: anything that could run code the platform didn't vet. */
	private void checkCodeHooks(Element root, Violations violations) {
		walk(root, element -> {
			String owner = nearestId(element);
			if (BPMN_NS.equals(element.getNamespaceURI()) && element.getLocalName().equals("scriptTask")) {
				violations.add(owner, "script", "script tasks are not allowed; use a service task with an allow-listed delegate");
			}
			if ((CAMUNDA_BPMN_NS.equals(element.getNamespaceURI()) || CAMUNDA_DMN_NS.equals(element.getNamespaceURI()))
					&& element.getLocalName().equals("script")) {
				violations.add(owner, "script", "scripts are not allowed in listeners or input/output mappings");
			}
			if (element.getLocalName().equals("conditionExpression") && !blank(element.getAttribute("language"))) {
				violations.add(owner, "script", "script conditions are not allowed; write the condition as ${...}");
			}
			var attributes = element.getAttributes();
			for (int i = 0; i < attributes.getLength(); i++) {
				checkAttribute((Attr) attributes.item(i), owner, violations);
			}
			for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
				if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
					checkExpressions(child.getNodeValue(), owner, violations);
				}
			}
		});
	}

	private void checkAttribute(Attr attribute, String owner, Violations violations) {
		boolean camunda = CAMUNDA_BPMN_NS.equals(attribute.getNamespaceURI());
		String name = attribute.getLocalName();
		String value = attribute.getValue();
		if (camunda && name.equals("class")) {
			violations.add(owner, "java-class", "camunda:class=\"" + value
					+ "\" is not allowed; use camunda:delegateExpression=\"#{bean}\" with an allow-listed bean");
		}
		else if (camunda && name.equals("expression")) {
			violations.add(owner, "expression", "camunda:expression is not allowed; use camunda:delegateExpression=\"#{bean}\" "
					+ "with an allow-listed bean");
		}
		else if (camunda && name.equals("delegateExpression")) {
			Matcher delegate = DELEGATE_EXPRESSION.matcher(value.trim());
			if (!delegate.matches()) {
				violations.add(owner, "delegate", "'" + value + "' must name one bean, as #{bean}");
			}
			else if (!allowedDelegates.contains(delegate.group(1))) {
				violations.add(owner, "delegate", "'" + delegate.group(1) + "' is not an allow-listed delegate; allowed are "
						+ allowedDelegates.stream().sorted().toList());
			}
		}
		else {
			checkExpressions(value, owner, violations);
		}
	}

	private static void checkExpressions(String text, String owner, Violations violations) {
		if (text == null) {
			return;
		}
		Matcher expression = EXPRESSION.matcher(text);
		while (expression.find()) {
			if (expression.group(1).contains("(")) {
				violations.add(owner, "method-call", "'" + expression.group()
						+ "' calls a method; expressions may only read variables and compare them");
			}
		}
	}

	private static String nearestId(Element element) {
		for (Node node = element; node instanceof Element current; node = node.getParentNode()) {
			if (!blank(current.getAttribute("id"))) {
				return current.getAttribute("id");
			}
		}
		return null;
	}

	private static Element parse(byte[] content) {
		try {
			var factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			return factory.newDocumentBuilder().parse(new ByteArrayInputStream(content)).getDocumentElement();
		}
		catch (Exception ex) {
			throw new IllegalStateException("The model parsed once but not twice: " + ex.getMessage(), ex);
		}
	}

	private static List<Element> children(Element parent, String namespace, String localName) {
		var result = new ArrayList<Element>();
		for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element element && localName.equals(element.getLocalName())
					&& namespace != null && namespace.equals(element.getNamespaceURI())) {
				result.add(element);
			}
		}
		return result;
	}

	private static void walk(Element element, java.util.function.Consumer<Element> visitor) {
		visitor.accept(element);
		for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element childElement) {
				walk(childElement, visitor);
			}
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static final class Violations {

		private final String resource;

		private final List<ModelViolation> list = new ArrayList<>();

		Violations(String resource) {
			this.resource = resource;
		}

		void add(String elementId, String rule, String message) {
			list.add(new ModelViolation(resource, elementId, rule, message));
		}

	}

}
