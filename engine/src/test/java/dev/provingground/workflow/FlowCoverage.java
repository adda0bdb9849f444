package dev.provingground.workflow;

import java.io.ByteArrayInputStream;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;

/**
 * Which flow nodes and sequence flows of a process the tests walked. Once a process is parsed, a listener goes on
 * every activity's start and every flow's take, so the engine reports each as it happens.
 */
final class FlowCoverage extends AbstractBpmnParseListener {

	private final Set<String> walked = ConcurrentHashMap.newKeySet();

	@Override
	public void parseProcess(Element processElement, ProcessDefinitionEntity process) {
		listenTo(process.getKey(), process);
	}

	private void listenTo(String processKey, ScopeImpl scope) {
		for (ActivityImpl activity : scope.getActivities()) {
			activity.addListener(ExecutionListener.EVENTNAME_START,
					(ExecutionListener) execution -> walked.add(processKey + "/" + activity.getId()));
			for (var outgoing : activity.getOutgoingTransitions()) {
				var flow = (TransitionImpl) outgoing;
				flow.addListener(ExecutionListener.EVENTNAME_TAKE,
						(ExecutionListener) execution -> walked.add(processKey + "/" + flow.getId()));
			}
			listenTo(processKey, activity);
		}
	}

	/** The share of a model's flow nodes and sequence flows walked, and what was not. */
	record Report(double ratio, Set<String> missed) {
	}

	/** Fails unless the tests walked at least {@code minimum} of {@code processes/<key>.bpmn}, naming what they missed. */
	void assertWalked(String processKey, double minimum) {
		try (var model = FlowCoverage.class.getResourceAsStream("/processes/" + processKey + ".bpmn")) {
			var report = of(processKey, model.readAllBytes());
			System.out.printf("%s.bpmn coverage: %.1f%% of flow nodes and sequence flows; not walked: %s%n", processKey,
					report.ratio() * 100, report.missed());
			org.assertj.core.api.Assertions.assertThat(report.ratio()).as("not walked: " + report.missed())
				.isGreaterThanOrEqualTo(minimum);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
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
