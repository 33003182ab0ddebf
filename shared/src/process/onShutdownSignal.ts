/**
 * Runs `stop` once on the first SIGTERM or SIGINT (Ctrl-C), then exits: 0 if stopping
 * went well, 1 if it threw. A second signal while stopping is ignored, so a double Ctrl-C
 * cannot cut a clean shutdown short. Returns a function telling whether stopping began.
 */
export function onShutdownSignal(stop: (signal: NodeJS.Signals) => Promise<void>): () => boolean {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
  return () => stopping;
}
