import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261126134537 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "stripe_collect_payment_link" drop constraint if exists "stripe_collect_payment_link_token_hash_unique";`);
    this.addSql(`create table if not exists "stripe_collect_activity" ("id" text not null, "order_id" text null, "kind" text check ("kind" in ('charge', 'payment_link', 'refund', 'webhook', 'error')) not null, "status" text not null, "operation" text null, "amount" numeric null, "currency_code" text null, "payment_link_id" text null, "payment_collection_id" text null, "stripe_object_id" text null, "stripe_request_id" text null, "idempotency_key" text null, "card_brand" text null, "card_last4" text null, "failure_code" text null, "decline_code" text null, "message" text null, "livemode" boolean not null default false, "raw_amount" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "stripe_collect_activity_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_activity_deleted_at" ON "stripe_collect_activity" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_activity_order_id" ON "stripe_collect_activity" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_activity_kind_created_at" ON "stripe_collect_activity" ("kind", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "stripe_collect_connection" ("id" text not null, "store_name" text null, "error_email" text null, "mode" text check ("mode" in ('api_key', 'oauth')) not null default 'api_key', "stripe_account_id" text null, "account_display_name" text null, "livemode" boolean not null default false, "connected_at" timestamptz null, "last_webhook_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "stripe_collect_connection_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_connection_deleted_at" ON "stripe_collect_connection" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "stripe_collect_payment_link" ("id" text not null, "order_id" text not null, "payment_collection_id" text null, "token_hash" text not null, "amount" numeric not null, "currency_code" text not null, "email" text not null, "message" text null, "status" text check ("status" in ('sent', 'viewed', 'paid', 'canceled', 'expired')) not null default 'sent', "expires_at" timestamptz not null, "sent_at" timestamptz null, "viewed_at" timestamptz null, "paid_at" timestamptz null, "canceled_at" timestamptz null, "reminder_sent_at" timestamptz null, "checkout_session_id" text null, "payment_intent_id" text null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "stripe_collect_payment_link_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_payment_link_deleted_at" ON "stripe_collect_payment_link" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_stripe_collect_payment_link_token_hash_unique" ON "stripe_collect_payment_link" ("token_hash") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_stripe_collect_payment_link_order_id" ON "stripe_collect_payment_link" ("order_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "stripe_collect_activity" cascade;`);

    this.addSql(`drop table if exists "stripe_collect_connection" cascade;`);

    this.addSql(`drop table if exists "stripe_collect_payment_link" cascade;`);
  }

}
