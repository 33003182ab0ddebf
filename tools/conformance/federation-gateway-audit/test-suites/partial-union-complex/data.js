"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sharedActions = exports.bActions = exports.aActions = exports.container = exports.onlyB = exports.onlyA = exports.common = void 0;
exports.common = {
    __typename: "Common",
    label: "common label",
};
exports.onlyA = {
    __typename: "OnlyA",
    a: "only a",
};
exports.onlyB = {
    __typename: "OnlyB",
    b: "only b",
};
exports.container = {
    id: "container-1",
};
exports.aActions = [exports.common, exports.onlyA];
exports.bActions = [exports.common, exports.onlyB];
exports.sharedActions = [exports.common];
