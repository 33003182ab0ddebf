"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const supergraph_js_1 = require("../../supergraph.js");
const name_subgraph_js_1 = __importDefault(require("./name.subgraph.js"));
const price_subgraph_js_1 = __importDefault(require("./price.subgraph.js"));
const category_subgraph_js_1 = __importDefault(require("./category.subgraph.js"));
const test_js_1 = __importDefault(require("./test.js"));
exports.default = (0, supergraph_js_1.serve)("shared-root", [name_subgraph_js_1.default, price_subgraph_js_1.default, category_subgraph_js_1.default], test_js_1.default);
