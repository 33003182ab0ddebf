"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.getProducts = getProducts;
exports.getCategories = getCategories;
exports.addProduct = addProduct;
exports.addCategory = addCategory;
exports.deleteProduct = deleteProduct;
exports.initProducts = initProducts;
exports.addNumber = addNumber;
exports.multiplyNumber = multiplyNumber;
exports.deleteNumber = deleteNumber;
let products = [];
let categories = [];
const numbers = {};
async function getProducts() {
    return products;
}
function getCategories() {
    return categories;
}
async function addProduct(name, price) {
    const newProduct = {
        id: "p-added-" + products.length,
        name: name,
        price: price,
    };
    products.push(newProduct);
    return newProduct;
}
async function addCategory(name, requestId) {
    if (categories.some((c) => c.id === "c-added-" + requestId)) {
        throw new Error("Category with this requestId was already added");
    }
    const newCategory = {
        id: "c-added-" + requestId,
        name: name,
    };
    categories.push(newCategory);
    return newCategory;
}
async function deleteProduct(id) {
    const after = products.filter((p) => p.id !== id);
    products = after;
}
function initProducts() {
    const product = {
        id: "p1",
        name: "p1-name",
        price: 9.99,
    };
    if (products.some((p) => p.id === product.id)) {
        return;
    }
    products.push(product);
}
function getNumber(requestId) {
    const num = numbers[requestId];
    return num ?? 0;
}
function addNumber(num, requestId) {
    const existingNumber = getNumber(requestId);
    const sum = existingNumber + num;
    numbers[requestId] = sum;
    return sum;
}
function multiplyNumber(by, requestId) {
    const existingNumber = getNumber(requestId);
    const result = existingNumber * by;
    numbers[requestId] = result;
    return result;
}
function deleteNumber(requestId) {
    const num = getNumber(requestId);
    if (typeof numbers[requestId] === "number") {
        delete numbers[requestId];
    }
    return num;
}
