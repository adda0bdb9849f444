package dev.provingground.load;

/**
 * The host's speed around a load run whose rate followed it (ADR 0026): the rate it ran at, the CPU one unit of the
 * scenario's work cost in the reading that rate was sized for, and the cost read right after the run.
 *
 * @param unitMillisAfter NaN when the probe failed afterwards
 */
public record SpeedDuringLoad(int rate, double sizedForMillis, double unitMillisAfter) {

	/** How many times dearer a unit was after the run than the rate assumed (below 1: cheaper); NaN when unknown. */
	public double drift() {
		return unitMillisAfter / sizedForMillis;
	}

}
