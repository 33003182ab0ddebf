"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const supergraph_js_1 = require("../../supergraph.js");
const all_products_subgraph_js_1 = __importDefault(require("./all-products.subgraph.js"));
const category_subgraph_js_1 = __importDefault(require("./category.subgraph.js"));
const subcategories_subgraph_js_1 = __importDefault(require("./subcategories.subgraph.js"));
const test_js_1 = __importDefault(require("./test.js"));
exports.default = (0, supergraph_js_1.serve)("nested-provides", [all_products_subgraph_js_1.default, category_subgraph_js_1.default, subcategories_subgraph_js_1.default], test_js_1.default);
