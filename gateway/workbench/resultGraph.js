// The records of a GraphQL result as a graph: every object with an `id` is a node (its
// type, id, owner, handling code and TLP), and nesting is an edge from the nearest record
// above it, labelled with the fields between them. Records met twice are one node.

const isRecordId = (value) => typeof value === 'string' || typeof value === 'number';

/** A path as people read it: `caseFile.persons[0].name`. */
export function formatPath(path) {
  return (path ?? []).reduce(
    (text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : String(segment)),
    '',
  );
}

/**
 * Nodes and edges of `result.data`. Owner, handling and TLP come from the record's own
 * `provenance` when the operation asked for it, else from the gateway's
 * `extensions.handling` entry for the record.
 */
export function resultGraph(result) {
  const handlingEntries = Array.isArray(result?.extensions?.handling) ? result.extensions.handling : [];
  const byKey = new Map(handlingEntries.map((entry) => [`${entry.type}:${entry.id}`, entry]));
  const byId = new Map();
  for (const entry of handlingEntries) byId.set(String(entry.id), byId.has(String(entry.id)) ? null : entry);
  const nodes = new Map();
  const edges = new Map();

  const addNode = (object, path) => {
    const id = String(object.id);
    const entryById = byId.get(id) ?? undefined;
    const type = typeof object.__typename === 'string' ? object.__typename : (entryById?.type ?? 'Record');
    const key = `${type}:${id}`;
    const entry = byKey.get(key);
    const provenance = object.provenance && typeof object.provenance === 'object' ? object.provenance : {};
    const facts = {
      owner: provenance.owner ?? entry?.owner ?? null,
      handling: provenance.handling?.code ?? entry?.code ?? null,
      tlp: provenance.tlp ?? entry?.tlp ?? null,
    };
    const known = nodes.get(key);
    if (known) {
      for (const [name, value] of Object.entries(facts)) if (known[name] === null) known[name] = value;
    } else {
      nodes.set(key, { key, type, id, path: formatPath(path), ...facts });
    }
    return key;
  };

  const visit = (value, path, parent, via) => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, index], parent, via));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    let here = parent;
    let hereVia = via;
    if (isRecordId(value.id)) {
      here = addNode(value, path);
      hereVia = [];
      if (parent && parent !== here) {
        const edgeKey = `${parent}->${here}`;
        if (!edges.has(edgeKey)) edges.set(edgeKey, { key: edgeKey, source: parent, target: here, label: via.join('.') });
      }
    }
    for (const [field, child] of Object.entries(value)) {
      if (field === 'provenance' || field === '__typename') continue;
      visit(child, [...path, field], here, [...hereVia, field]);
    }
  };

  visit(result?.data, [], null, []);
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
