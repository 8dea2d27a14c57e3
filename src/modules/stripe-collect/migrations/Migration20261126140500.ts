import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// Payment link tokens are derived from a per-link nonce and the server's secret, never stored.
export class Migration20261126140500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "stripe_collect_payment_link" add column if not exists "token_nonce" text not null default '';`)
    this.addSql(`alter table if exists "stripe_collect_payment_link" alter column "token_nonce" drop default;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "stripe_collect_payment_link" drop column if exists "token_nonce";`)
  }
}
