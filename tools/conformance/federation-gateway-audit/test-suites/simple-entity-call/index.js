"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const supergraph_js_1 = require("../../supergraph.js");
const email_subgraph_js_1 = __importDefault(require("./email.subgraph.js"));
const nickname_subgraph_js_1 = __importDefault(require("./nickname.subgraph.js"));
const test_js_1 = __importDefault(require("./test.js"));
exports.default = (0, supergraph_js_1.serve)("simple-entity-call", [email_subgraph_js_1.default, nickname_subgraph_js_1.default], test_js_1.default);
