package dev.provingground.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The model rules, checked without an engine. The shipped models must pass; each kind of breach must fail. */
class ModelValidatorTest {

	private final ModelValidator validator = new ModelValidator(Set.of("recordTier"));

	@Test
	void everyShippedModelPassesThePlatformRules() throws IOException {
		Map<String, byte[]> models = ProcessModelDeployer.shippedModels();
		assertThat(models).containsKeys("scenario-run.bpmn", "milestone-project.bpmn", "skill-tier-update.bpmn", "sci-tier.dmn");
		models.forEach((name, content) -> assertThat(ModelValidator.forPlatform().validate(name, content))
			.as(name)
			.isEmpty());
	}

	@Test
	void aProcessWithoutHistoryTimeToLiveIsRejected() {
		var violations = validate(process("", """
				<bpmn:startEvent id="Start_Requested" />"""));
		assertThat(violations).extracting(ModelViolation::rule, ModelViolation::elementId)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("history-ttl", "Process_Demo"));
	}

	@Test
	void aScriptTaskIsRejected() {
		var violations = validate(process(TTL, """
				<bpmn:scriptTask id="Task_Script" scriptFormat="groovy"><bpmn:script>println 'hi'</bpmn:script></bpmn:scriptTask>"""));
		assertThat(violations).extracting(ModelViolation::rule).containsExactly("script");
		assertThat(violations.get(0).elementId()).isEqualTo("Task_Script");
	}

	@Test
	void aScriptInAListenerIsRejected() {
		var violations = validate(process(TTL, """
				<bpmn:userTask id="Task_Review"><bpmn:extensionElements>
				  <camunda:taskListener event="create"><camunda:script scriptFormat="javascript">1</camunda:script></camunda:taskListener>
				</bpmn:extensionElements></bpmn:userTask>"""));
		assertThat(violations).extracting(ModelViolation::rule).containsExactly("script");
	}

	@Test
	void aJavaClassIsRejected() {
		var violations = validate(process(TTL, """
				<bpmn:serviceTask id="Task_Run" camunda:class="java.lang.Runtime" />"""));
		assertThat(violations).extracting(ModelViolation::rule).containsExactly("java-class");
		assertThat(violations.get(0).message()).contains("java.lang.Runtime");
	}

	@Test
	void aFreeExpressionIsRejected() {
		var violations = validate(process(TTL, """
				<bpmn:serviceTask id="Task_Run" camunda:expression="${recordTier.execute(execution)}" />"""));
		assertThat(violations).extracting(ModelViolation::rule).contains("expression");
	}

	@Test
	void onlyAllowListedDelegatesMayBeNamed() {
		var violations = validate(process(TTL, """
				<bpmn:serviceTask id="Task_Allowed" camunda:delegateExpression="#{recordTier}" />
				<bpmn:serviceTask id="Task_Unknown" camunda:delegateExpression="${dataSource}" />
				<bpmn:serviceTask id="Task_Call" camunda:delegateExpression="${recordTier.self()}" />"""));
		assertThat(violations).extracting(ModelViolation::elementId).containsExactly("Task_Unknown", "Task_Call");
		assertThat(violations.get(0).message()).contains("'dataSource' is not an allow-listed delegate");
	}

	@Test
	void aMethodCallInAConditionIsRejectedButAComparisonIsNot() {
		var violations = validate(process(TTL, """
				<bpmn:exclusiveGateway id="Gateway_Passed" />
				<bpmn:endEvent id="End_Passed" />
				<bpmn:endEvent id="End_Failed" />
				<bpmn:sequenceFlow id="Flow_Passed" sourceRef="Gateway_Passed" targetRef="End_Passed">
				  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${attempts &gt; 3 &amp;&amp; passed}</bpmn:conditionExpression>
				</bpmn:sequenceFlow>
				<bpmn:sequenceFlow id="Flow_Failed" sourceRef="Gateway_Passed" targetRef="End_Failed">
				  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${execution.getProcessEngine()}</bpmn:conditionExpression>
				</bpmn:sequenceFlow>"""));
		assertThat(violations).extracting(ModelViolation::rule, ModelViolation::elementId)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("method-call", "Flow_Failed"));
	}

	@Test
	void generatedIdsAreRejected() {
		var violations = validate(process(TTL, """
				<bpmn:startEvent id="StartEvent_1" />
				<bpmn:userTask id="Task_1" />
				<bpmn:userTask id="Activity_0x1y2z3" />
				<bpmn:endEvent id="End_Done" />"""));
		assertThat(violations).extracting(ModelViolation::elementId)
			.containsExactly("StartEvent_1", "Task_1", "Activity_0x1y2z3");
		assertThat(violations).extracting(ModelViolation::rule).containsOnly("element-id");
	}

	@Test
	void malformedXmlIsReportedNotThrown() {
		var violations = validator.validate("broken.bpmn", "<bpmn:definitions".getBytes(StandardCharsets.UTF_8));
		assertThat(violations).extracting(ModelViolation::rule).containsExactly("schema");
	}

	@Test
	void aDecisionWithoutHistoryTimeToLiveOrWithJuelIsRejected() {
		String dmn = """
				<?xml version="1.0" encoding="UTF-8"?>
				<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_Test" name="t" namespace="t">
				  <decision id="Decision_1" name="d">
				    <decisionTable id="Table_Test">
				      <input id="Input_A"><inputExpression id="Input_A_Expression" typeRef="string" expressionLanguage="juel"><text>a</text></inputExpression></input>
				      <output id="Output_B" name="b" typeRef="string" />
				    </decisionTable>
				  </decision>
				</definitions>""";
		var violations = validator.validate("test.dmn", dmn.getBytes(StandardCharsets.UTF_8));
		assertThat(violations).extracting(ModelViolation::rule)
			.containsExactlyInAnyOrder("history-ttl", "element-id", "expression-language");
	}

	@Test
	void otherFileTypesAreRejected() {
		assertThat(validator.validate("run.groovy", new byte[0])).extracting(ModelViolation::rule)
			.containsExactly("file-type");
	}

	private static final String TTL = "camunda:historyTimeToLive=\"P30D\"";

	private List<ModelViolation> validate(String bpmn) {
		return validator.validate("test.bpmn", bpmn.getBytes(StandardCharsets.UTF_8));
	}

	private static String process(String attributes, String body) {
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
				    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
				    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
				    id="Definitions_Test" targetNamespace="test">
				  <bpmn:process id="Process_Demo" isExecutable="true" %s>
				%s
				  </bpmn:process>
				</bpmn:definitions>""".formatted(attributes, body);
	}

}
