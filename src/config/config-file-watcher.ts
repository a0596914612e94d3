import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * Calls back once a burst of changes to one file has settled. Watches the directory, not the
 * file: editors and our own atomic writes replace the file by renaming a new one over it, and a
 * watch on the old file would stop seeing anything after the first save.
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

  start(): void {
    if (this.watcher) return;
    const name = basename(this.path);
    this.watcher = watch(dirname(this.path), (_event, filename) => {
      // Some platforms do not report the name; then any change in the directory may be ours.
      if (filename === null || filename === name) this.schedule();
    });
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
