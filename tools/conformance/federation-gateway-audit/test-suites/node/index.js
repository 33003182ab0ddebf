"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const supergraph_js_1 = require("../../supergraph.js");
const node_subgraph_js_1 = __importDefault(require("./node.subgraph.js"));
const node_two_js_1 = __importDefault(require("./node-two.js"));
const types_subgraph_js_1 = __importDefault(require("./types.subgraph.js"));
const test_js_1 = __importDefault(require("./test.js"));
exports.default = (0, supergraph_js_1.serve)("node", [node_subgraph_js_1.default, node_two_js_1.default, types_subgraph_js_1.default], test_js_1.default);
