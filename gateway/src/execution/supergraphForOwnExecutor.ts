import type { SupergraphSdlHook } from '@apollo/gateway';
import { type ArgumentNode, type ConstDirectiveNode, Kind, parse } from 'graphql';

/** The context spec the own executor runs (`@context`/`@fromContext`, the planner's `contextRewrites`). */
const CONTEXT_SPEC = 'https://specs.apollo.dev/context/v0.1';

/**
 * The supergraph as @apollo/gateway may load it for the own executor. Composition links the
 * context spec `for: SECURITY`, which tells a gateway that does not implement it to refuse
 * the supergraph, and @apollo/gateway 2.14 refuses it (it does not run context rewrites).
 * The own executor runs them, so for it that link's `for:` is dropped, and nothing else of
 * the text changes. Any other feature for SECURITY or EXECUTION is still refused by
 * @apollo/gateway. Not for `GATEWAY_EXECUTOR=apollo`, which would then plan context
 * arguments and send none.
 */
export function supergraphForOwnExecutor(sdl: string): string {
  const document = parse(sdl);
  const cuts: { start: number; end: number }[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      const cut = contextPurposeCut(directive);
      if (cut) cuts.push(cut);
    }
  }
  let text = sdl;
  for (const { start, end } of cuts.sort((a, b) => b.start - a.start)) text = text.slice(0, start) + text.slice(end);
  return text;
}

/** Where the `for:` argument of a `@link` to the context spec is in the text (with its separator), or null. */
function contextPurposeCut(directive: ConstDirectiveNode): { start: number; end: number } | null {
  if (directive.name.value !== 'link') return null;
  const args: readonly ArgumentNode[] = directive.arguments ?? [];
  const url = args.find((arg) => arg.name.value === 'url');
  if (url?.value.kind !== Kind.STRING || url.value.value !== CONTEXT_SPEC) return null;
  const index = args.findIndex((arg) => arg.name.value === 'for');
  const purpose = args[index];
  if (!purpose?.loc) return null;
  const before = args[index - 1];
  const after = args[index + 1];
  if (before?.loc) return { start: before.loc.end, end: purpose.loc.end };
  if (after?.loc) return { start: purpose.loc.start, end: after.loc.start };
  return { start: purpose.loc.start, end: purpose.loc.end };
}

/** A supergraph source (the gateway's file watcher) whose every version is loaded as `supergraphForOwnExecutor` gives it. */
export function supergraphHookForOwnExecutor(hook: SupergraphSdlHook): SupergraphSdlHook {
  return async (options) => {
    const loaded = await hook({ ...options, update: (sdl) => options.update(supergraphForOwnExecutor(sdl)) });
    return { ...loaded, supergraphSdl: supergraphForOwnExecutor(loaded.supergraphSdl) };
  };
}
