"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const supergraph_js_1 = require("../../supergraph.js");
const a_subgraph_js_1 = __importDefault(require("./a.subgraph.js"));
const b_subgraph_js_1 = __importDefault(require("./b.subgraph.js"));
const test_js_1 = __importDefault(require("./test.js"));
exports.default = (0, supergraph_js_1.serve)("enum-intersection", [a_subgraph_js_1.default, b_subgraph_js_1.default], test_js_1.default);
