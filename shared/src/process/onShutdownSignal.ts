/**
 * How long a service's stopping may take before the process gives up and exits 1: under
 * the 30 s a container runtime waits after SIGTERM (docker-compose.yml sets
 * `stop_grace_period: 30s`), so a stop that hangs is reported as a failure, not cut short
 * by SIGKILL.
 */
export const SHUTDOWN_DEADLINE_MS = 25_000;

/**
 * Runs `stop` once on the first SIGTERM or SIGINT (Ctrl-C), then exits: 0 if stopping
 * went well, 1 if it threw or took longer than `deadlineMs` (when given; services pass
 * SHUTDOWN_DEADLINE_MS). A second signal while
 * stopping is ignored, so a double Ctrl-C cannot cut a clean shutdown short. This must be
 * the process's only signal handler: each service builds its Apollo Server with
 * `stopOnTerminationSignals: false`, whatever NODE_ENV says. Returns a function telling
 * whether stopping began.
 */
export function onShutdownSignal(stop: (signal: NodeJS.Signals) => Promise<void>, deadlineMs?: number): () => boolean {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    if (deadlineMs !== undefined) {
      setTimeout(() => {
        console.error(`shutdown did not finish within ${deadlineMs / 1000} s; exiting`);
        process.exit(1);
      }, deadlineMs).unref();
    }
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
