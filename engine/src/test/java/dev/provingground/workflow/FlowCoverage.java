package dev.provingground.workflow;

import java.io.ByteArrayInputStream;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;

/**
 * Which flow nodes and sequence flows of a process the tests walked. A parse listener puts a listener on every node's
 * start and every flow's take, so the engine reports each as it happens.
 */
final class FlowCoverage extends AbstractBpmnParseListener {

	private final Set<String> walked = ConcurrentHashMap.newKeySet();

	@Override
	public void parseSequenceFlow(Element sequenceFlowElement, ScopeImpl scopeElement, TransitionImpl transition) {
		transition.addListener(ExecutionListener.EVENTNAME_TAKE,
				(ExecutionListener) execution -> walked.add(key(execution.getProcessDefinitionId(), transition.getId())));
	}

	@Override
	public void parseStartEvent(Element startEventElement, ScopeImpl scope, ActivityImpl activity) {
		onStart(activity);
	}

	@Override
	public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
		onStart(activity);
	}

	@Override
	public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
		onStart(activity);
	}

	@Override
	public void parseExclusiveGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
		onStart(activity);
	}

	@Override
	public void parseBoundaryEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
		onStart(activity);
	}

	@Override
	public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
		onStart(activity);
	}

	@Override
	public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
		onStart(activity);
	}

	@Override
	public void parseCallActivity(Element element, ScopeImpl scope, ActivityImpl activity) {
		onStart(activity);
	}

	@Override
	public void parseBusinessRuleTask(Element element, ScopeImpl scope, ActivityImpl activity) {
		onStart(activity);
	}

	@Override
	public void parseSubProcess(Element element, ScopeImpl scope, ActivityImpl activity) {
		onStart(activity);
	}

	private void onStart(ActivityImpl activity) {
		activity.addListener(ExecutionListener.EVENTNAME_START,
				(ExecutionListener) execution -> walked.add(key(execution.getProcessDefinitionId(), activity.getId())));
	}

	private static String key(String processDefinitionId, String elementId) {
		return processDefinitionId.split(":")[0] + "/" + elementId;
	}

	/** The share of a model's flow nodes and sequence flows walked, and what was not. */
	record Report(double ratio, Set<String> missed) {
	}

	Report of(String processKey, byte[] model) {
		var instance = Bpmn.readModelFromStream(new ByteArrayInputStream(model));
		Set<String> all = new TreeSet<>();
		instance.getModelElementsByType(FlowNode.class).forEach(node -> all.add(node.getId()));
		instance.getModelElementsByType(SequenceFlow.class).forEach(flow -> all.add(flow.getId()));
		Set<String> missed = new TreeSet<>();
		all.stream().filter(id -> !walked.contains(processKey + "/" + id)).forEach(missed::add);
		return new Report((double) (all.size() - missed.size()) / all.size(), missed);
	}

}
