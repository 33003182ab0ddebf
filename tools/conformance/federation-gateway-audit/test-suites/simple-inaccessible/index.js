"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const supergraph_js_1 = require("../../supergraph.js");
const friends_subgraph_js_1 = __importDefault(require("./friends.subgraph.js"));
const age_subgraph_js_1 = __importDefault(require("./age.subgraph.js"));
const test_js_1 = __importDefault(require("./test.js"));
exports.default = (0, supergraph_js_1.serve)("simple-inaccessible", [friends_subgraph_js_1.default, age_subgraph_js_1.default], test_js_1.default);
