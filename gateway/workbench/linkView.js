// The link view: the records of the last result drawn as a graph with Cytoscape, and the
// same records and links as lists beside it, for screen readers and for tests.

import { el } from './readableResult.js';

const HANDLING_COLOURS = { H0: '#2b6cb0', H1: '#b7791f', H2: '#c53030', H3: '#6b46c1' };

/** A node's label: its type and id, then its owner and handling code. */
export function nodeLabel(node) {
  return `${node.type} ${node.id}\n${node.owner ?? 'owner unknown'} · ${node.handling ?? 'no handling code'}`;
}

const describeNode = (node) =>
  `${node.type} ${node.id}: owner ${node.owner ?? 'unknown'}, handling ${node.handling ?? 'unknown'}${node.tlp ? `, TLP ${node.tlp}` : ''}`;

const STYLE = [
  {
    selector: 'node',
    style: {
      shape: 'round-rectangle',
      width: 170,
      height: 46,
      'background-color': '#f7fafc',
      'border-width': 2,
      'border-color': '#718096',
      label: 'data(label)',
      'text-wrap': 'wrap',
      'text-max-width': 160,
      'text-valign': 'center',
      'text-halign': 'center',
      'font-size': 10,
      color: '#1a202c',
    },
  },
  ...Object.entries(HANDLING_COLOURS).map(([code, colour]) => ({
    selector: `node[handling = "${code}"]`,
    style: { 'border-color': colour },
  })),
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'curve-style': 'bezier',
      'line-color': '#a0aec0',
      'target-arrow-color': '#a0aec0',
      'target-arrow-shape': 'triangle',
      label: 'data(label)',
      'font-size': 9,
      color: '#4a5568',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 1,
    },
  },
];

/**
 * A link view over its elements: `show(graph)` lists a graph's records and links at once;
 * `draw()` draws it, and is called while the canvas is visible, since Cytoscape lays out
 * to the size of its container.
 */
export function createLinkView({ canvas, nodeList, edgeList }) {
  let graph = { nodes: [], edges: [] };
  let cy = null;
  let drawn = false;

  const renderLists = () => {
    const byKey = new Map(graph.nodes.map((node) => [node.key, node]));
    const nodeItems = graph.nodes.map((node) =>
      el(
        'li',
        { 'data-record-id': node.id, 'data-type': node.type, 'data-owner': node.owner, 'data-handling': node.handling },
        describeNode(node),
      ),
    );
    const edgeItems = graph.edges.map((edge) => {
      const source = byKey.get(edge.source);
      const target = byKey.get(edge.target);
      return el(
        'li',
        { 'data-source': source?.id, 'data-target': target?.id },
        `${source.type} ${source.id} → ${edge.label} → ${target.type} ${target.id}`,
      );
    });
    nodeList.replaceChildren(
      ...(nodeItems.length > 0 ? nodeItems : [el('li', { class: 'wb-empty' }, 'No record with an id in the last result.')]),
    );
    edgeList.replaceChildren(...(edgeItems.length > 0 ? edgeItems : [el('li', { class: 'wb-empty' }, 'No links.')]));
  };

  return {
    show(next) {
      graph = next;
      drawn = false;
      renderLists();
    },
    draw() {
      if (drawn) return;
      cy?.destroy();
      cy = cytoscape({
        container: canvas,
        elements: [
          ...graph.nodes.map((node) => ({ data: { id: node.key, label: nodeLabel(node), handling: node.handling ?? 'none' } })),
          ...graph.edges.map((edge) => ({ data: { id: edge.key, source: edge.source, target: edge.target, label: edge.label } })),
        ],
        style: STYLE,
        layout: { name: 'breadthfirst', directed: true, padding: 16, spacingFactor: 1.1 },
      });
      canvas.setAttribute(
        'aria-label',
        `Graph of ${graph.nodes.length} records and ${graph.edges.length} links in the last result; the lists below say the same`,
      );
      canvas.dataset.drawnNodes = String(cy.nodes().length);
      canvas.dataset.drawnEdges = String(cy.edges().length);
      drawn = true;
    },
    clear() {
      this.show({ nodes: [], edges: [] });
      cy?.destroy();
      cy = null;
      delete canvas.dataset.drawnNodes;
      delete canvas.dataset.drawnEdges;
    },
  };
}
