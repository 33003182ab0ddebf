/** A service process's life: shutdown on signals within a deadline. */
export { SHUTDOWN_DEADLINE_MS, onShutdownSignal } from './onShutdownSignal';
