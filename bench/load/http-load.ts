import { runAutocannon } from './autocannon-load';
import type { HttpLoadResult, HttpLoadSpec, LoadTool } from './http-load-spec';
import { runWrk } from './wrk-load';

/**
 * Runs a closed-loop POST load with the chosen generator. A load bounded by a request count
 * always goes to autocannon: wrk only stops at the end of its duration, even after a Lua
 * script has stopped its thread.
 */
export function runHttpLoad(tool: LoadTool, spec: HttpLoadSpec): Promise<HttpLoadResult> {
  return tool === 'wrk' && spec.maxRequests === undefined ? runWrk(spec) : runAutocannon(spec);
}
