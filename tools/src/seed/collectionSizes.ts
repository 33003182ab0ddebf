import { ANALYSIS_PROJECTS } from './seedVocabulary';

/** Record counts per collection for a seed of `size` SLTD records. */
export function collectionSizes(size: number) {
  const atLeast = (min: number, n: number) => Math.max(min, Math.floor(n));
  return {
    interpol: {
      Sltd: size,
      Notice: atLeast(20, size / 10),
      Diffusion: atLeast(10, size / 50),
      Smv: atLeast(20, size / 10),
      Firearm: atLeast(10, size / 20),
      WorkOfArt: atLeast(10, size / 50),
    },
    national: {
      CaseFile: atLeast(30, size / 20),
      NationalPerson: atLeast(60, size / 10),
      RequestForAssistance: atLeast(10, size / 50),
      WantedPerson: atLeast(10, size / 100),
    },
    europol: {
      AnalysisProject: ANALYSIS_PROJECTS.length,
      Contribution: atLeast(20, size / 20),
      PersonEntry: atLeast(20, size / 20),
      ObjectEntry: atLeast(10, size / 40),
      EntityLink: atLeast(10, size / 20),
    },
  };
}
/** Record counts per collection, by subgraph. */
export type CollectionSizes = ReturnType<typeof collectionSizes>;
