"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const supergraph_js_1 = require("../../supergraph.js");
const author_subgraph_js_1 = __importDefault(require("./author.subgraph.js"));
const media_subgraph_js_1 = __importDefault(require("./media.subgraph.js"));
const playlist_subgraph_js_1 = __importDefault(require("./playlist.subgraph.js"));
const test_js_1 = __importDefault(require("./test.js"));
exports.default = (0, supergraph_js_1.serve)("interface-object-indirect-extension", [author_subgraph_js_1.default, media_subgraph_js_1.default, playlist_subgraph_js_1.default], test_js_1.default);
