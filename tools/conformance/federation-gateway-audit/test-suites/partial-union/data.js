"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.actions = exports.gamma = exports.beta = exports.alpha = exports.message = void 0;
exports.message = "Hello, Federation!";
exports.alpha = {
    __typename: "Alpha",
    id: "alpha-1",
    value: "alpha value",
};
exports.beta = {
    __typename: "Beta",
    id: "beta-1",
    name: "beta name",
    details: "beta details",
};
exports.gamma = {
    __typename: "Gamma",
    id: "gamma-1",
    label: "gamma label",
};
// The primary subgraph can resolve all three union members.
exports.actions = [exports.alpha, exports.beta, exports.gamma];
