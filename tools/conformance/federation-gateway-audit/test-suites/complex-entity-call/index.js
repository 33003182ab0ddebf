"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const supergraph_js_1 = require("../../supergraph.js");
const link_subgraph_js_1 = __importDefault(require("./link.subgraph.js"));
const list_subgraph_js_1 = __importDefault(require("./list.subgraph.js"));
const price_subgraph_js_1 = __importDefault(require("./price.subgraph.js"));
const products_subgraph_js_1 = __importDefault(require("./products.subgraph.js"));
const test_js_1 = __importDefault(require("./test.js"));
exports.default = (0, supergraph_js_1.serve)("complex-entity-call", [link_subgraph_js_1.default, list_subgraph_js_1.default, price_subgraph_js_1.default, products_subgraph_js_1.default], test_js_1.default);
