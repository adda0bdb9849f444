package dev.provingground.runs;

import java.util.UUID;

import dev.provingground.load.MeasurementQueue;
import org.springframework.stereotype.Service;

/** A run's place in its host's line of measurements, for the learner, who may also leave the line. */
@Service
public class RunQueue {

	private final ScenarioRuns runs;

	private final MeasurementQueue queue;

	RunQueue(ScenarioRuns runs, MeasurementQueue queue) {
		this.runs = runs;
		this.queue = queue;
	}

	/**
	 * @param waiting whether a load run or the checks of the run wait for their turn
	 * @param ahead how many measurements go first (running ones included)
	 * @param startsInSeconds about when it starts
	 */
	public record QueueView(boolean waiting, int ahead, long startsInSeconds) {
	}

	public QueueView of(UUID runId, String learnerId) {
		ScenarioRun run = runs.ownedBy(runId, learnerId);
		return queue.placeOf(run.id().toString())
			.map(place -> new QueueView(true, place.ahead(), place.startsInSeconds()))
			.orElse(new QueueView(false, 0, 0));
	}

	/**
	 * Takes the run's waiting load run or checks out of the line; the run is then ready for the learner again.
	 * @throws InvalidRunRequestException when nothing of the run waits (it already started, or ended)
	 */
	public void cancel(UUID runId, String learnerId) {
		ScenarioRun run = runs.ownedBy(runId, learnerId);
		if (!queue.cancel(run.id().toString())) {
			throw new InvalidRunRequestException("Nothing of this run waits for its turn: it already started, or ended");
		}
	}

}
