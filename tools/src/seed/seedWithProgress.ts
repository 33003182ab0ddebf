import { Presets, SingleBar } from 'cli-progress';
import { DEFAULT_SEED, seedDatabases, type SeedOptions } from './seedDatabases';

/**
 * Seeds with a progress bar and an ETA on a terminal, and a line before and after in any
 * case (the bar draws nothing when output is not a terminal).
 */
export async function seedWithProgress(options: Omit<SeedOptions, 'onProgress'>): Promise<void> {
  console.log(`seeding: size ${options.size}, seed ${options.seed ?? DEFAULT_SEED}...`);
  const started = Date.now();
  const bar = new SingleBar(
    { format: 'seeding [{bar}] {percentage}% | {value}/{total} records | ETA {eta_formatted}', etaBuffer: 50 },
    Presets.shades_classic,
  );
  bar.start(1, 0);
  try {
    const { total } = await seedDatabases({
      ...options,
      onProgress: (written, all) => {
        bar.setTotal(all);
        bar.update(written);
      },
    });
    bar.stop();
    console.log(`seeded ${total} records in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    bar.stop();
  }
}
