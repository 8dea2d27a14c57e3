const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

// Suites are chosen by TEST_TYPE; scripts/test.js sets it and provides PostgreSQL.
const suites = {
  unit: ["**/src/**/__tests__/**/*.unit.spec.[jt]s?(x)", "**/sandbox/**/__tests__/**/*.spec.[jt]s"],
  "integration:modules": ["**/src/modules/*/__tests__/**/*.spec.[jt]s"],
  "integration:http": ["**/integration-tests/http/**/*.spec.[jt]s"],
  "integration:package": ["**/integration-tests/package/**/*.spec.[jt]s"],
  // Real `medusa start` processes (server + worker on Redis, crash and restart): `npm run test:reliability`.
  "integration:multi-process": ["**/integration-tests/multi-process/**/*.spec.[jt]s"],
}

const testType = process.env.TEST_TYPE || "unit"
if (!suites[testType]) {
  throw new Error(`Unknown TEST_TYPE "${testType}". Use one of: ${Object.keys(suites).join(", ")}`)
}

module.exports = {
  transform: {
    "^.+\\.[jt]sx?$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript", decorators: true, tsx: true },
          transform: { react: { runtime: "automatic" } },
          target: "es2021",
        },
      },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/.medusa/"],
  setupFiles: ["./integration-tests/setup.js"],
  testMatch: suites[testType],
  // HTTP spec files start on a copy of the run's migrated template database (scripts/lib/template-database.js).
  ...(testType === "integration:http"
    ? { moduleNameMapper: { "^@medusajs/test-utils$": "<rootDir>/integration-tests/helpers/template-test-runner.ts" } }
    : {}),
  // Each file boots a Medusa app; modules they load stay in the worker, so it is recycled past this size.
  ...(testType === "unit" ? {} : { testTimeout: 300000, workerIdleMemoryLimit: "1500MB" }),
}
