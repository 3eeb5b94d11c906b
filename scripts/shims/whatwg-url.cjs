// node-fetch 2 falls back to whatwg-url only where Node has no URL class; Node always has one.
// Bundling this stand-in keeps whatwg-url and its large Unicode tables out of dist/extension.js.
exports.URL = globalThis.URL;
