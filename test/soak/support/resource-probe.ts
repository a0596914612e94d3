/**
 * Preloaded into the soaked gateway (node -r): answers "sample" on the IPC channel with the
 * process's own memory and open-resource counts, so the test measures the gateway and not the
 * load generator. Loaded only by test/soak; production never has an IPC channel.
 */
process.on('message', (message) => {
  if (message !== 'sample') return;
  const memory = process.memoryUsage();
  const resources = process.getActiveResourcesInfo();
  const kinds: Record<string, number> = {};
  for (const kind of resources) kinds[kind] = (kinds[kind] ?? 0) + 1;
  process.send?.({ rss: memory.rss, heapUsed: memory.heapUsed, external: memory.external, resources: resources.length, kinds });
});
