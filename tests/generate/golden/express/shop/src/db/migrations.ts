/** Schema migrations (Kysely's migrator keeps track of those applied). */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";

import type { Database, Dialect, Tables } from "./database.js";
import { columnTypes } from "./types.js";

/** The initial schema: every table of the spec, referenced tables first. */
export function initial(dialect: Dialect): Migration {
  const t = columnTypes(dialect);
  const sqlite = dialect === "sqlite";
  return {
    async up(db: Kysely<Tables>): Promise<void> {
      await db.schema
        .createTable("users")
        .addColumn("id", t.id, (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn("email", t.string(254), (c) => c.notNull())
        .addColumn("name", t.string(150))
        .addColumn("hashed_password", t.string(255), (c) => c.notNull())
        .addColumn("role", t.string(64))
        .addColumn("is_active", t.bool, (c) => c.notNull())
        .addColumn("created_at", t.datetime, (c) => c.notNull())
        .addColumn("updated_at", t.datetime, (c) => c.notNull())
        .addUniqueConstraint("uq_users_email", ["email"])
        .execute();
      await db.schema
        .createTable("categories")
        .addColumn("id", t.id, (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn("name", t.string(80), (c) => c.notNull())
        .addColumn("slug", t.string(80), (c) => c.notNull())
        .addColumn("position", t.int, (c) => c.notNull())
        .addColumn("parent_id", t.ref, (c) => c.references("categories.id").onDelete("restrict"))
        .addUniqueConstraint("uq_categories_slug", ["slug"])
        .execute();
      await db.schema.createIndex("ix_categories_parent_id").on("categories").columns(["parent_id"]).execute();
      await db.schema
        .createTable("tags")
        .addColumn("id", t.id, (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn("label", t.string(40), (c) => c.notNull())
        .addUniqueConstraint("uq_tags_label", ["label"])
        .execute();
      await db.schema
        .createTable("products")
        .addColumn("id", t.id, (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn("name", t.string(120), (c) => c.notNull())
        .addColumn("sku", t.string(32), (c) => c.notNull())
        .addColumn("description", t.text)
        .addColumn("price", t.decimal(10, 2), (c) => c.notNull())
        .addColumn("currency", t.string(3), (c) => c.notNull())
        .addColumn("stock", t.int, (c) => c.notNull())
        .addColumn("weight_grams", t.int)
        .addColumn("active", t.bool, (c) => c.notNull())
        .addColumn("image", t.string(2048))
        .addColumn("details", t.json)
        .addColumn("category_id", t.ref, (c) => c.notNull().references("categories.id").onDelete("restrict"))
        .addColumn("created_at", t.datetime, (c) => c.notNull())
        .addColumn("updated_at", t.datetime, (c) => c.notNull())
        .addColumn("deleted_at", t.datetime)
        .addColumn("version", t.int, (c) => c.notNull())
        .addUniqueConstraint("uq_products_sku", ["sku"])
        .execute();
      await db.schema.createIndex("ix_products_active").on("products").columns(["active"]).execute();
      await db.schema.createIndex("ix_products_category_id").on("products").columns(["category_id"]).execute();
      await db.schema.createIndex("ix_products_category_id_active").on("products").columns(["category_id", "active"]).execute();
      await db.schema
        .createTable("carts")
        .addColumn("id", t.id, (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn("customer_id", t.ref, (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("created_at", t.datetime, (c) => c.notNull())
        .addColumn("updated_at", t.datetime, (c) => c.notNull())
        .addUniqueConstraint("uq_carts_customer_id", ["customer_id"])
        .execute();
      await db.schema
        .createTable("cart_items")
        .addColumn("id", t.id, (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn("cart_id", t.ref, (c) => c.notNull().references("carts.id").onDelete("cascade"))
        .addColumn("customer_id", t.ref, (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("product_id", t.ref, (c) => c.notNull().references("products.id").onDelete("cascade"))
        .addColumn("quantity", t.int, (c) => c.notNull())
        .addColumn("created_at", t.datetime, (c) => c.notNull())
        .addColumn("updated_at", t.datetime, (c) => c.notNull())
        .addUniqueConstraint("uq_cart_items_cart_id_product_id", ["cart_id", "product_id"])
        .execute();
      await db.schema.createIndex("ix_cart_items_cart_id").on("cart_items").columns(["cart_id"]).execute();
      await db.schema.createIndex("ix_cart_items_customer_id").on("cart_items").columns(["customer_id"]).execute();
      await db.schema.createIndex("ix_cart_items_product_id").on("cart_items").columns(["product_id"]).execute();
      await db.schema
        .createTable("orders")
        .addColumn("id", t.id, (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn("number", t.string(20))
        .addColumn("customer_id", t.ref, (c) => c.notNull().references("users.id").onDelete("restrict"))
        .addColumn("status", t.string(9), (c) => c.notNull())
        .addColumn("subtotal", t.decimal(12, 2), (c) => c.notNull())
        .addColumn("shipping_fee", t.decimal(10, 2), (c) => c.notNull())
        .addColumn("total", t.decimal(12, 2), (c) => c.notNull())
        .addColumn("currency", t.string(3), (c) => c.notNull())
        .addColumn("ship_to_name", t.string(120), (c) => c.notNull())
        .addColumn("ship_to_address", t.text, (c) => c.notNull())
        .addColumn("phone", t.string(20))
        .addColumn("note", t.text)
        .addColumn("placed_at", t.datetime, (c) => c.notNull())
        .addColumn("created_at", t.datetime, (c) => c.notNull())
        .addColumn("updated_at", t.datetime, (c) => c.notNull())
        .addColumn("version", t.int, (c) => c.notNull())
        .addUniqueConstraint("uq_orders_number", ["number"])
        .execute();
      await db.schema.createIndex("ix_orders_customer_id").on("orders").columns(["customer_id"]).execute();
      await db.schema.createIndex("ix_orders_status").on("orders").columns(["status"]).execute();
      await db.schema.createIndex("ix_orders_customer_id_placed_at").on("orders").columns(["customer_id", "placed_at"]).execute();
      await db.schema
        .createTable("order_items")
        .addColumn("id", t.id, (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn("parent_order_id", t.ref, (c) => c.notNull().references("orders.id").onDelete("cascade"))
        .addColumn("customer_id", t.ref, (c) => c.notNull().references("users.id").onDelete("restrict"))
        .addColumn("product_id", t.ref, (c) => c.notNull().references("products.id").onDelete("restrict"))
        .addColumn("quantity", t.int, (c) => c.notNull())
        .addColumn("unit_price", t.decimal(10, 2), (c) => c.notNull())
        .addUniqueConstraint("uq_order_items_parent_order_id_product_id", ["parent_order_id", "product_id"])
        .execute();
      await db.schema.createIndex("ix_order_items_parent_order_id").on("order_items").columns(["parent_order_id"]).execute();
      await db.schema.createIndex("ix_order_items_customer_id").on("order_items").columns(["customer_id"]).execute();
      await db.schema.createIndex("ix_order_items_product_id").on("order_items").columns(["product_id"]).execute();
      await db.schema
        .createTable("payments")
        .addColumn("id", t.id, (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn("paid_order_id", t.ref, (c) => c.notNull().references("orders.id").onDelete("restrict"))
        .addColumn("customer_id", t.ref, (c) => c.notNull().references("users.id").onDelete("restrict"))
        .addColumn("provider_ref", t.string(64))
        .addColumn("amount", t.decimal(12, 2), (c) => c.notNull())
        .addColumn("currency", t.string(3), (c) => c.notNull())
        .addColumn("status", t.string(10), (c) => c.notNull())
        .addColumn("card_last4", t.string(4))
        .addColumn("created_at", t.datetime, (c) => c.notNull())
        .addColumn("updated_at", t.datetime, (c) => c.notNull())
        .addUniqueConstraint("uq_payments_paid_order_id", ["paid_order_id"])
        .addUniqueConstraint("uq_payments_provider_ref", ["provider_ref"])
        .execute();
      await db.schema.createIndex("ix_payments_customer_id").on("payments").columns(["customer_id"]).execute();
      await db.schema
        .createTable("reviews")
        .addColumn("id", t.id, (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn("product_id", t.ref, (c) => c.notNull().references("products.id").onDelete("cascade"))
        .addColumn("author_id", t.ref, (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("rating", t.int, (c) => c.notNull())
        .addColumn("title", t.string(120))
        .addColumn("body", t.text)
        .addColumn("verified", t.bool, (c) => c.notNull())
        .addColumn("created_at", t.datetime, (c) => c.notNull())
        .addColumn("updated_at", t.datetime, (c) => c.notNull())
        .addColumn("deleted_at", t.datetime)
        .addUniqueConstraint("uq_reviews_product_id_author_id", ["product_id", "author_id"])
        .execute();
      await db.schema.createIndex("ix_reviews_product_id").on("reviews").columns(["product_id"]).execute();
      await db.schema.createIndex("ix_reviews_author_id").on("reviews").columns(["author_id"]).execute();
      await db.schema
        .createTable("product_tags")
        .addColumn("product_id", t.ref, (c) => c.notNull().references("products.id").onDelete("cascade"))
        .addColumn("tag_id", t.ref, (c) => c.notNull().references("tags.id").onDelete("cascade"))
        .addPrimaryKeyConstraint("pk_product_tags", ["product_id", "tag_id"])
        .execute();
      await db.schema.createIndex("ix_product_tags_tag_id").on("product_tags").columns(["tag_id"]).execute();
    },
    async down(db: Kysely<Tables>): Promise<void> {
      await db.schema.dropTable("product_tags").execute();
      await db.schema.dropTable("reviews").execute();
      await db.schema.dropTable("payments").execute();
      await db.schema.dropTable("order_items").execute();
      await db.schema.dropTable("orders").execute();
      await db.schema.dropTable("cart_items").execute();
      await db.schema.dropTable("carts").execute();
      await db.schema.dropTable("products").execute();
      await db.schema.dropTable("tags").execute();
      await db.schema.dropTable("categories").execute();
      await db.schema.dropTable("users").execute();
    },
  };
}

class Migrations implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}

  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({ "0001_initial": initial(this.dialect) });
  }
}

/** Apply every pending migration; throws when one fails. */
export async function migrate(database: Database): Promise<void> {
  const migrator = new Migrator({ db: database.db, provider: new Migrations(database.dialect) });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) {
    throw error instanceof Error ? error : new Error(String(error));
  }
}
