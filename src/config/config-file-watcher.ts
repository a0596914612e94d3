import { type FSWatcher, watch } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Calls back once a burst of changes next to one file has settled. Watches the directory, not
 * the file: editors and our own atomic writes replace the file by renaming a new one over it,
 * and a watch on the old file would stop seeing anything after the first save. Any change in
 * the directory counts, not only events naming the file: a Kubernetes ConfigMap update swaps a
 * `..data` symlink and never names it. The caller compares content, so extra calls are cheap.
 */
export class ConfigFileWatcher {
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly path: string,
    private readonly onSettled: () => void,
    private readonly onError: (error: Error) => void,
    /** Editors write a file in several steps; 100 ms lets them finish. */
    private readonly debounceMs = 100,
  ) {}

  /** Throws when the directory cannot be watched (missing, not a directory, no permission). */
  start(): void {
    if (this.watcher) return;
    this.watcher = watch(dirname(this.path), () => this.schedule());
    this.watcher.on('error', this.onError);
  }

  close(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onSettled, this.debounceMs);
  }
}
