// Fixed values of the demo and the browser tests: the login, the sandbox's keys, where data and logs live.
const os = require("os")
const path = require("path")

const PROJECT_ROOT = path.resolve(__dirname, "../..")

module.exports = {
  PROJECT_ROOT,
  MEDUSA_CLI: require.resolve("@medusajs/cli/cli.js", { paths: [PROJECT_ROOT] }),
  SEED_SCRIPT: "scripts/demo/seed.ts",
  /** Kept between runs (and ignored by git), so a second `npm run demo` skips initdb and most of the seeding. */
  DEMO_DATA_DIR: path.join(PROJECT_ROOT, ".demo-data"),
  /** Logs go outside the project: Medusa's file watcher must never see them. */
  DEMO_LOG_DIR: path.join(os.tmpdir(), "stripe-collect-demo"),
  ADMIN: { email: "admin@stripe-collect.test", password: "supersecret-demo" },
  DEFAULT_MEDUSA_PORT: 9000,
  DEFAULT_SANDBOX_PORT: 12111,
  // The same keys integration-tests/helpers/sandbox.ts uses; the sandbox accepts any sk_test_ key.
  SANDBOX_API_KEY: "sk_test_stripe_collect_sandbox",
  SANDBOX_WEBHOOK_SECRET: "whsec_stripe_collect_sandbox_secret",
  SANDBOX_RESEND_KEY: "re_stripe_collect_sandbox",
  /** A Connect platform client id for the sandbox's OAuth consent page (Settings → Stripe → Done). */
  SANDBOX_CONNECT_CLIENT_ID: "ca_stripecollectdemo",
  WEBHOOK_PATH: "/hooks/payment/stripe-collect_default",
}
