"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const supergraph_js_1 = require("../../supergraph.js");
const inventory_subgraph_js_1 = __importDefault(require("./inventory.subgraph.js"));
const books_subgraph_js_1 = __importDefault(require("./books.subgraph.js"));
const users_subgraph_js_1 = __importDefault(require("./users.subgraph.js"));
const products_subgraph_js_1 = __importDefault(require("./products.subgraph.js"));
const reviews_subgraph_js_1 = __importDefault(require("./reviews.subgraph.js"));
const magazines_subgraph_js_1 = __importDefault(require("./magazines.subgraph.js"));
const agency_subgraph_js_1 = __importDefault(require("./agency.subgraph.js"));
const test_js_1 = __importDefault(require("./test.js"));
exports.default = (0, supergraph_js_1.serve)("abstract-types", [
    agency_subgraph_js_1.default,
    inventory_subgraph_js_1.default,
    books_subgraph_js_1.default,
    users_subgraph_js_1.default,
    reviews_subgraph_js_1.default,
    products_subgraph_js_1.default,
    magazines_subgraph_js_1.default,
], test_js_1.default);
