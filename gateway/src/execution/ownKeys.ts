/**
 * Safe property access for response objects. A response key (an alias, a subgraph's field)
 * may be any GraphQL name, `__proto__` and `constructor` included: those must be read and
 * written as own properties, never through the prototype, so a subgraph or a caller cannot
 * reach `Object.prototype`. Ordinary keys take the plain, fast path; whether a key needs the
 * careful one is decided once, when a plan is prepared.
 */
export function needsOwnAccess(key: string): boolean {
  return key in Object.prototype;
}

/** An own property's value, or undefined. */
export function getOwn(object: object, key: string): unknown {
  return Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

/** Sets an own property, even one named like a member of Object.prototype. */
export function setOwn(object: object, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A plain object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Merges a subgraph's answer into the data gathered so far, as @apollo/gateway's `deepMerge`
 * does (objects merged key by key, lists of equal length element by element, anything else
 * replaced; undefined skipped), with own-property access throughout. With `copy`, an object
 * or list taken from `source` is copied, so the same answer can be merged into several
 * entities without any two sharing it.
 */
export function deepMerge(target: Record<string, unknown>, source: unknown, copy = false): void {
  if (source === undefined || source === null) return;
  for (const key of Object.keys(source)) {
    const value = (source as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const careful = needsOwnAccess(key);
    const current = careful ? getOwn(target, key) : target[key];
    if (current && isObject(value)) {
      deepMerge(current as Record<string, unknown>, value, copy);
    } else if (Array.isArray(value) && Array.isArray(current) && value.length === current.length) {
      for (let i = 0; i < value.length; i++) {
        const element: unknown = value[i];
        if (isObject(current[i]) && isObject(element)) deepMerge(current[i] as Record<string, unknown>, element, copy);
        else current[i] = copy ? copyJson(element) : element;
      }
    } else if (careful) {
      setOwn(target, key, copy ? copyJson(value) : value);
    } else {
      target[key] = copy ? copyJson(value) : value;
    }
  }
}

/** A deep copy of a value parsed from JSON, with keys named like members of Object.prototype kept as own properties. */
export function copyJson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const element = copyJson((value as Record<string, unknown>)[key]);
    if (needsOwnAccess(key)) setOwn(copy, key, element);
    else copy[key] = element;
  }
  return copy;
}
