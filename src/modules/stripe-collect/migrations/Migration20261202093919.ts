import { Migration } from "@medusajs/framework/mikro-orm/migrations"

// Refunds the plugin asks Stripe for (the order card's Refund, money for canceled orders), written before Stripe is called.
export class Migration20261202093919 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists "stripe_collect_refund_request" ("id" text not null, "order_id" text not null, "payment_id" text not null, "payment_intent_id" text not null, "stripe_account" text null, "amount" numeric not null, "amount_minor" integer not null, "currency_code" text not null, "stripe_key" text not null, "origin" text check ("origin" in ('order_card', 'canceled_order')) not null, "status" text check ("status" in ('pending', 'lost', 'refunded', 'refused', 'not_refunded')) not null, "refund_reason_id" text null, "note" text null, "requested_by" text null, "stripe_refund_id" text null, "failure_code" text null, "message" text null, "activity_id" text null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "stripe_collect_refund_request_pkey" primary key ("id"));`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_refund_request_deleted_at" ON "stripe_collect_refund_request" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_stripe_collect_refund_request_stripe_key_unique" ON "stripe_collect_refund_request" ("stripe_key") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_refund_request_order_id" ON "stripe_collect_refund_request" ("order_id") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_refund_request_payment_id" ON "stripe_collect_refund_request" ("payment_id") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_refund_request_status" ON "stripe_collect_refund_request" ("status") WHERE deleted_at IS NULL;`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "stripe_collect_refund_request" cascade;`)
  }
}
