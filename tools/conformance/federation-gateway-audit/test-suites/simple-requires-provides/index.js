"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const supergraph_js_1 = require("../../supergraph.js");
const accounts_subgraph_js_1 = __importDefault(require("./accounts.subgraph.js"));
const inventory_subgraph_js_1 = __importDefault(require("./inventory.subgraph.js"));
const products_subgraph_js_1 = __importDefault(require("./products.subgraph.js"));
const reviews_subgraph_js_1 = __importDefault(require("./reviews.subgraph.js"));
const test_js_1 = __importDefault(require("./test.js"));
exports.default = (0, supergraph_js_1.serve)("simple-requires-provides", [accounts_subgraph_js_1.default, inventory_subgraph_js_1.default, products_subgraph_js_1.default, reviews_subgraph_js_1.default], test_js_1.default);
