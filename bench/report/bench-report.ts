import type { LoadTool } from '../load/http-load-spec';
import type { MachineInfo } from './machine-info';

/** Who answers: the mock called straight, Plexus in front of it, or the floor proxy in front of it. */
export type TargetName = 'direct' | 'plexus' | 'floor';

/** One target's figures in one scenario: medians over the repetitions, totals for counts. */
export interface TargetFigures {
  target: TargetName;
  repetitions: number;
  /** Requests (or completed streams) per second. */
  throughputPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Streams: request sent to first body byte. */
  ttfbP50Ms?: number;
  ttfbP99Ms?: number;
  /** Versus `direct` in the same scenario (not set on the direct row). */
  addedP50Ms?: number;
  addedP99Ms?: number;
  addedTtfbP50Ms?: number;
  /** The target process's user+system CPU per request or stream (direct: the mock's own). */
  cpuMicrosPerRequest: number;
  rssIdleMb: number;
  rssPeakMb: number;
  rssEndMb: number;
  /** Measured requests or streams, all repetitions. */
  requests: number;
  errors: number;
  /** Streams that ended without their terminator or with events missing. */
  incomplete?: number;
  /** Held streams: most open at once. */
  maxOpen?: number;
  note?: string;
  /**
   * Each repetition's own figures, in repetition order. Targets run interleaved within a
   * repetition, so comparisons pair repetition i of one target with repetition i of another.
   */
  perRepetition?: RepetitionFigures[];
}

export interface RepetitionFigures {
  cpuMicrosPerRequest: number;
  p50Ms: number;
  p99Ms: number;
  ttfbP50Ms?: number;
}

export interface ScenarioResult {
  id: string;
  title: string;
  /** What was sent, how hard and for how long, in words. */
  settings: string;
  unit: 'requests' | 'streams';
  rows: TargetFigures[];
  /** Targets not measured in this scenario, with the reason (failed preflight, not running). */
  skipped: Partial<Record<TargetName, string>>;
  /** Scenario-specific figures (RSS trend, query times). */
  extra: Record<string, number | string>;
}

export type TargetStatus = 'met' | 'missed' | 'not measured';

export interface TargetVerdict {
  description: string;
  threshold: string;
  measured: string;
  status: TargetStatus;
  /** Scenario whose load reproduces it, for the profile pass. */
  scenarioId?: string;
}

export interface ProfileSummary {
  /** The load that ran while profiling. */
  load: string;
  durationSeconds: number;
  busyMs: number;
  /** `mostlyVia`: the nearest calling function in Plexus or a package that most of the time came through. */
  top: Array<{ functionName: string; location: string; selfMs: number; percentOfBusy: number; mostlyVia: string }>;
  byArea: Array<{ area: string; selfMs: number; percentOfBusy: number }>;
  error?: string;
}

export interface BenchReport {
  quick: boolean;
  startedAt: string;
  durationSeconds: number;
  machine: MachineInfo;
  loadTool: LoadTool;
  /** How Plexus ran, or why it did not. */
  plexus: {
    available: boolean;
    detail: string;
    /** RSS 1 s after start-up, before any load. */
    idleRssMb?: number;
    /** The floor proxy's, read the same way, for scale. */
    floorIdleRssMb?: number;
  };
  scenarios: ScenarioResult[];
  targets: TargetVerdict[];
  profiles: ProfileSummary[];
  notes: string[];
}
