import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// Connect OAuth state and webhook-failure health on the connection row (hand-written: adds columns only).
export class Migration20261126150000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "stripe_collect_connection" add column if not exists "oauth_state_hash" text null, add column if not exists "oauth_state_user_id" text null, add column if not exists "oauth_state_expires_at" timestamptz null, add column if not exists "webhook_failure_count" integer not null default 0, add column if not exists "last_webhook_failure_at" timestamptz null;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "stripe_collect_connection" drop column if exists "oauth_state_hash", drop column if exists "oauth_state_user_id", drop column if exists "oauth_state_expires_at", drop column if exists "webhook_failure_count", drop column if exists "last_webhook_failure_at";`
    )
  }
}
