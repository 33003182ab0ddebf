import { dirname, join, resolve } from 'node:path';

/**
 * The workbench's own files (page, scripts, styles, saved operations): `gateway/workbench`,
 * outside `src`, so the same path serves from `src` (tests) and `dist` (built), and the
 * Docker image gets it with the rest of the gateway.
 */
export const WORKBENCH_DIRECTORY = resolve(__dirname, '..', '..', 'workbench');

/** One file the workbench serves, and how. */
export interface WorkbenchAsset {
  /** Absolute path of the file on disk. */
  file: string;
  contentType: string;
}

const JAVASCRIPT = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** A file inside an installed package, found from the package's own package.json (the browser bundles are not in its exports). */
function packageFile(name: string, file: string): string {
  return join(dirname(require.resolve(`${name}/package.json`)), file);
}

/**
 * Every file the workbench serves besides its page, by URL path: the allow-list. The
 * browser bundles come from the gateway's own installed packages (GraphiQL's UMD build,
 * React 18 UMD, Cytoscape), so nothing is ever fetched from a CDN; no other path under
 * `/workbench/` answers, and no path is ever joined from the URL.
 */
export function workbenchAssets(): Record<string, WorkbenchAsset> {
  const own = (file: string, contentType: string): WorkbenchAsset => ({ file: join(WORKBENCH_DIRECTORY, file), contentType });
  return {
    '/workbench/vendor/react.production.min.js': { file: packageFile('react', 'umd/react.production.min.js'), contentType: JAVASCRIPT },
    '/workbench/vendor/react-dom.production.min.js': {
      file: packageFile('react-dom', 'umd/react-dom.production.min.js'),
      contentType: JAVASCRIPT,
    },
    '/workbench/vendor/graphiql.min.js': { file: packageFile('graphiql', 'graphiql.min.js'), contentType: JAVASCRIPT },
    '/workbench/vendor/graphiql.min.css': { file: packageFile('graphiql', 'graphiql.min.css'), contentType: CSS },
    '/workbench/vendor/cytoscape.min.js': { file: require.resolve('cytoscape/dist/cytoscape.min.js'), contentType: JAVASCRIPT },
    '/workbench/workbench.css': own('workbench.css', CSS),
    '/workbench/workbench.js': own('workbench.js', JAVASCRIPT),
    '/workbench/tokenSessions.js': own('tokenSessions.js', JAVASCRIPT),
    '/workbench/readableResult.js': own('readableResult.js', JAVASCRIPT),
    '/workbench/resultGraph.js': own('resultGraph.js', JAVASCRIPT),
    '/workbench/linkView.js': own('linkView.js', JAVASCRIPT),
    '/workbench/inertLinks.js': own('inertLinks.js', JAVASCRIPT),
  };
}
