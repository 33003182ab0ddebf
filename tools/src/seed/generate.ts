import type { CollectionSizes } from './collectionSizes';
import { europolGenerators } from './europolGenerators';
import { interpolGenerators } from './interpolGenerators';
import { nationalGenerators } from './nationalGenerators';

/**
 * Deterministic generators for every seeded collection. Record `i` of a collection depends
 * only on (seed, collection, i): any batch can be produced alone, in any order, and the
 * same seed and size always give the same database.
 */

/** Generators, one per collection: record `i` for a seed. */
export function generators(seed: number, sizes: CollectionSizes) {
  const interpol = interpolGenerators(seed);
  const { sltd, notice, diffusion, smv, firearm, workOfArt } = interpol;
  const { caseFile, nationalPerson, request, wanted } = nationalGenerators(seed, sizes, interpol);
  const { project, contribution, personEntry, objectEntry, link } = europolGenerators(seed, sizes, interpol);
  return {
    interpol: { Sltd: sltd, Notice: notice, Diffusion: diffusion, Smv: smv, Firearm: firearm, WorkOfArt: workOfArt },
    national: { CaseFile: caseFile, NationalPerson: nationalPerson, RequestForAssistance: request, WantedPerson: wanted },
    europol: { AnalysisProject: project, Contribution: contribution, PersonEntry: personEntry, ObjectEntry: objectEntry, EntityLink: link },
  };
}
