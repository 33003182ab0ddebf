"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const supergraph_js_1 = require("../../supergraph.js");
const price_subgraph_js_1 = __importDefault(require("./price.subgraph.js"));
const product_subgraph_js_1 = __importDefault(require("./product.subgraph.js"));
const test_js_1 = __importDefault(require("./test.js"));
exports.default = (0, supergraph_js_1.serve)("mysterious-external", [price_subgraph_js_1.default, product_subgraph_js_1.default], test_js_1.default);
