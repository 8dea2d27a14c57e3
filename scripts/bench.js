#!/usr/bin/env node
// `npm run bench`: the benchmarks of issue 10 (bench/run.js); results in bench/results/.
// The sandbox and the test helpers it drives are TypeScript.
require("ts-node").register({ transpileOnly: true, swc: true })
require("../bench/run")
