import { type FSWatcher, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@intel-gateway/shared/observability';

/**
 * Serves a pre-composed supergraph file and reloads it when the file changes. The
 * directory is watched (editors and `npm run compose` replace the file rather than write
 * into it), changes are debounced, and a supergraph that fails to load is logged and
 * ignored: the gateway keeps serving the last good one.
 */
export function watchSupergraphFile(path: string, logger: Logger): SupergraphSdlHook {
  return async ({ update }) => {
    const initial = await readFile(path, 'utf8');
    let current = initial;
    let timer: NodeJS.Timeout | undefined;
    const reload = async () => {
      let next: string;
      try {
        next = await readFile(path, 'utf8');
      } catch (error) {
        logger.warn({ err: error, path }, 'supergraph file unreadable; keeping the current one');
        return;
      }
      if (next === current) return;
      try {
        update(next);
        current = next;
        logger.info({ path }, 'supergraph reloaded');
      } catch (error) {
        logger.error({ err: error, path }, 'new supergraph rejected; keeping the current one');
      }
    };
    const watcher: FSWatcher = watch(dirname(path), (_event, file) => {
      if (file !== basename(path)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), 100);
    });
    return {
      supergraphSdl: initial,
      cleanup: async () => {
        clearTimeout(timer);
        watcher.close();
      },
    };
  };
}
