"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createTest = createTest;
exports.fetchTests = fetchTests;
function createTest(query, expected) {
    return {
        query,
        expected,
    };
}
async function fetchTests(endpoint) {
    const response = await fetch(endpoint, {
        method: "GET",
        headers: {
            Accept: "application/json",
        },
    });
    if (response.status !== 200) {
        throw new Error(`Failed to fetch tests ${response.status} ${response.statusText}`);
    }
    const result = await response.json();
    return result;
}
