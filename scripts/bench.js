#!/usr/bin/env node
console.log("npm run bench: not yet — the benchmarks land with issue 10 (see README).")
