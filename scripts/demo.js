#!/usr/bin/env node
console.log("npm run demo: not yet — the demo lands with issue 8 (see README).")
