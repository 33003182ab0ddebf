import { STORY } from './stories';

/* The places, agencies and offences the generated records share. */

/** The countries documents, vehicles and firearms are reported by, in turn. */
export const ISSUING_COUNTRIES = ['GB', 'FR', 'DE', 'ES', 'IT', 'NL', 'BE', 'PL', 'US', 'MA'];
/** The national bureaus that own case files and send diffusions. */
export const NCBS = [
  { code: 'NCB-GB', country: 'GB' },
  { code: 'NCB-FR', country: 'FR' },
  { code: 'NCB-DE', country: 'DE' },
];
/** Every national bureau a notice, diffusion or request names. */
export const ALL_NCBS = ['NCB-GB', 'NCB-FR', 'NCB-DE', 'NCB-ES', 'NCB-IT', 'NCB-NL', 'NCB-US', 'NCB-MA'];
/** The offences case files, notices and wanted appeals name. */
export const OFFENCES = [
  'Drug trafficking',
  'Trafficking in human beings',
  'Money laundering',
  'Armed robbery',
  'Fraud',
  'Cybercrime',
  'Murder',
  'Firearms trafficking',
  'Organised vehicle theft',
  'Terrorism',
];
/** Europol's analysis projects; the first is the story's. */
export const ANALYSIS_PROJECTS = [
  { _id: STORY.project, name: 'Synthetic drugs', purpose: 'Production and trafficking of synthetic drugs and precursors' },
  { _id: 'AP-CYCLOPS', name: 'Cybercrime', purpose: 'Payment-card fraud and online fraud schemes' },
  { _id: 'AP-PHOENIX', name: 'Human trafficking', purpose: 'Trafficking in human beings for exploitation' },
  { _id: 'AP-WEAPONS', name: 'Firearms', purpose: 'Illicit trafficking in firearms and explosives' },
  { _id: 'AP-SUSTRANS', name: 'Money laundering', purpose: 'Suspicious transactions and laundering networks' },
  { _id: 'AP-FURTUM', name: 'Property crime', purpose: 'Organised property crime and vehicle theft' },
];
