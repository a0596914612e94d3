import { setFlagsFromString } from 'node:v8';

/**
 * Keeps V8's young generation at its initial size while Plexus starts, then lets it grow again.
 *
 * Loading ~1,800 modules and building the Nest app allocates a lot that survives, so V8 doubles the
 * semi-spaces at each scavenge up to their 16 MB maximum: 32 MB of young generation, ~25 MB of it
 * resident, that V8 never gives back while the process is idle (a forced gc() does not shrink it
 * either). With growth off during start-up the survivors go straight to old space and the idle RSS
 * is ~24 MB lower. Growth is turned back on once the server listens, so under load the young
 * generation grows as it always did (no more scavenges than before once warmed up).
 *
 * V8 reads the growth factor each time it grows the semi-spaces; at start-up it raises values
 * below 2 to 2, which is why this is set here and not on the command line. If a V8 version stops
 * honouring it, nothing breaks: start-up just uses the default growth. Skipped when the operator
 * passed the flag themselves.
 */
const OWN_FLAG = '--semi-space-growth-factor';
const V8_DEFAULT_GROWTH = 2;

const operatorSetIt = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some(
  (arg) => arg.startsWith(OWN_FLAG) || arg.startsWith('--semi_space_growth_factor'),
);

if (!operatorSetIt) setFlagsFromString(`${OWN_FLAG}=1`);

/** Call once the server listens. */
export function restoreYoungGenerationGrowth(): void {
  if (!operatorSetIt) setFlagsFromString(`${OWN_FLAG}=${V8_DEFAULT_GROWTH}`);
}
