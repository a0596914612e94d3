import { runAutocannon } from './autocannon-load';
import type { HttpLoadResult, HttpLoadSpec, LoadTool } from './http-load-spec';
import { runWrk } from './wrk-load';

/** Runs a closed-loop POST load with the chosen generator. */
export function runHttpLoad(tool: LoadTool, spec: HttpLoadSpec): Promise<HttpLoadResult> {
  return tool === 'wrk' ? runWrk(spec) : runAutocannon(spec);
}
