#!/usr/bin/env node
// `npm run bench`: the benchmarks of issues 10 and 14 (bench/run.js, bench/README.md); results in bench/results/.
// The sandbox and the test helpers it drives are TypeScript.
require("ts-node").register({ transpileOnly: true, swc: true })
// Every Medusa process of the run inherits it: no detached telemetry sender is left behind (scripts/lib/telemetry-off.js).
Object.assign(process.env, require("./lib/telemetry-off").telemetryOffEnv())
require("../bench/run")
