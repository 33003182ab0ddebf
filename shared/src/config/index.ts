/** Reading a service's settings (zod over the environment) and its JSON files, with clear errors. */
export { port, logLevel, url, parseConfig, TRACES_EXPORTERS, tracingSettings, type TracingSettings } from './parseConfig';
export { readJsonFile } from './readJsonFile';
