// The shapes of what the platform measures, as several pages show them: load reports, telemetry, check verdicts
// and diffs (the server's loadgen LoadReport, telemetry TelemetrySample, checks CheckVerdict and runs FileChange).

/** One second of a load run. */
export interface LoadSample {
  second: number;
  warmUp: boolean;
  requests: number;
  errors: number;
  inFlight: number;
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface LoadReport {
  completed: boolean;
  cutShortReason: string | null;
  requests: number;
  errors: number;
  errorsByKind: Record<string, number>;
  throughputRps: number;
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  samples: LoadSample[];
}

/** One second of a stack's telemetry; replicas by index. */
export interface TelemetrySample {
  second: number;
  dbConnections: number;
  dbActive: number;
  cpuPercent: Record<string, number>;
  rssMb: Record<string, number>;
}

export interface Measurement {
  name: string;
  /** "NaN" when it could not be measured. */
  measured: number | string;
  expected: string;
  passed: boolean;
}

export interface CheckVerdict {
  checkId: string;
  title: string;
  kind: string;
  passed: boolean;
  measurements: Measurement[];
  message: string;
  hint: string | null;
  /** What a load or telemetry verdict was measured in; absent for other checks and in older reports. */
  conditions?: MeasuredConditions | null;
  /** It did not pass, but every window it was measured in was noisy: not a failure. */
  inconclusive?: boolean;
  /** What an http check's samples and changes were drawn from: the same seed draws them again. */
  seed?: number | null;
}

/** The conditions of a measured window: pressures are shares of the window, null where the host does not say. */
export interface MeasuredConditions {
  cpuTaken: number | null;
  generatorWait: number | null;
  stackPressure: number | null;
  hostPressure: number | null;
  throttled: number | null;
  queuedMillis: number;
  reruns: number;
  /** The rate the load ran at, where it follows the host's speed; null for the scenario's declared rate. */
  rate?: number | null;
  /** How many times dearer the scenario's unit of work was after the window than the rate assumed (NaN: unknown). */
  speedDrift?: number | string | null;
  /** Whether a pass in the window counts: false where the host ran faster than the rate was sized for. */
  sizedForHost?: boolean;
  clean: boolean;
}

export interface FileChange {
  path: string;
  change: 'added' | 'deleted' | 'modified';
  diff: string;
}
