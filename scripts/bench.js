#!/usr/bin/env node
// `npm run bench`: the benchmarks of issues 10 and 14 (bench/run.js, bench/README.md); results in bench/results/.
// The sandbox and the test helpers it drives are TypeScript.
require("ts-node").register({ transpileOnly: true, swc: true })
require("../bench/run")
