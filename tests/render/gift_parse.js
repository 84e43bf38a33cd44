// Parses a GIFT file with the independent gift-pegjs grammar and prints the questions as JSON.
// Usage: node gift_parse.js FILE   (exit 0 with JSON; exit 1 with {"error", "line", "column"})
"use strict";
const fs = require("fs");
const path = require("path");
const { parse } = require(path.join(__dirname, "..", "js", "node_modules", "gift-pegjs"));

const text = fs.readFileSync(process.argv[2], "utf8");
try {
  process.stdout.write(JSON.stringify(parse(text)));
} catch (error) {
  const start = error.location ? error.location.start : {};
  process.stdout.write(JSON.stringify({ error: error.message, line: start.line, column: start.column }));
  process.exit(1);
}
