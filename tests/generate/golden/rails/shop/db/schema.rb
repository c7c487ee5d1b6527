# frozen_string_literal: true

# The schema the migrations in db/migrate build (load it with `bin/rails db:schema:load`).
ActiveRecord::Schema.define(version: 2024_01_01_000000) do
  create_table :users do |t|
    t.string :password_digest, null: false
    t.string :role
    t.string :email, limit: 254, null: false
    t.string :name, limit: 150
    t.timestamps
    t.index :email, unique: true
  end

  create_table :categories do |t|
    t.string :name, limit: 80, null: false
    t.string :slug, limit: 80, null: false
    t.integer :position, null: false, default: 0
    t.references :parent
    t.index :slug, unique: true
  end

  create_table :tags do |t|
    t.string :label, limit: 40, null: false
    t.index :label, unique: true
  end

  create_table :products do |t|
    t.string :name, limit: 120, null: false
    t.string :sku, limit: 32, null: false
    t.text :description
    t.decimal :price, precision: 10, scale: 2, null: false
    t.string :currency, null: false, default: "eur"
    t.integer :stock, null: false, default: 0
    t.integer :weight_grams
    t.boolean :active, null: false, default: true
    t.string :image, limit: 2048
    t.json :details
    t.references :category, null: false
    t.datetime :deleted_at
    t.integer :lock_version, null: false, default: 1
    t.timestamps
    t.index :sku, unique: true
    t.index :active
    t.index %i[category_id active]
    t.index :deleted_at
  end

  create_table :carts do |t|
    t.references :customer, null: false, index: { unique: true }
    t.timestamps
  end

  create_table :cart_items do |t|
    t.references :cart, null: false
    t.references :customer, null: false
    t.references :product, null: false
    t.integer :quantity, null: false, default: 1
    t.timestamps
    t.index %i[cart_id product_id], unique: true
  end

  create_table :orders do |t|
    t.string :number, limit: 20
    t.references :customer, null: false
    t.string :status, null: false, default: "pending"
    t.decimal :subtotal, precision: 12, scale: 2, null: false, default: "0"
    t.decimal :shipping_fee, precision: 10, scale: 2, null: false, default: "0"
    t.decimal :total, precision: 12, scale: 2, null: false, default: "0"
    t.string :currency, null: false, default: "eur"
    t.string :ship_to_name, limit: 120, null: false
    t.text :ship_to_address, null: false
    t.string :phone, limit: 20
    t.text :note
    t.datetime :placed_at, null: false
    t.integer :lock_version, null: false, default: 1
    t.timestamps
    t.index :number, unique: true
    t.index :status
    t.index %i[customer_id placed_at]
  end

  create_table :order_items do |t|
    t.references :parent_order, null: false
    t.references :customer, null: false
    t.references :product, null: false
    t.integer :quantity, null: false
    t.decimal :unit_price, precision: 10, scale: 2, null: false, default: "0"
    t.index %i[parent_order_id product_id], unique: true
  end

  create_table :payments do |t|
    t.references :paid_order, null: false, index: { unique: true }
    t.references :customer, null: false
    t.string :provider_ref, limit: 64
    t.decimal :amount, precision: 12, scale: 2, null: false
    t.string :currency, null: false
    t.string :status, null: false, default: "authorized"
    t.string :card_last4, limit: 4
    t.timestamps
    t.index :provider_ref, unique: true
  end

  create_table :reviews do |t|
    t.references :product, null: false
    t.references :author, null: false
    t.integer :rating, null: false
    t.string :title, limit: 120
    t.text :body
    t.boolean :verified, null: false, default: false
    t.datetime :deleted_at
    t.timestamps
    t.index %i[product_id author_id], unique: true
    t.index :deleted_at
  end

  create_table :tags_products, id: false do |t|
    t.bigint :tag_id, null: false
    t.bigint :product_id, null: false
    t.index %i[tag_id product_id], unique: true
  end

  add_foreign_key :categories, :categories, column: :parent_id, on_delete: :restrict
  add_foreign_key :products, :categories, column: :category_id, on_delete: :restrict
  add_foreign_key :carts, :users, column: :customer_id, on_delete: :cascade
  add_foreign_key :cart_items, :carts, column: :cart_id, on_delete: :cascade
  add_foreign_key :cart_items, :users, column: :customer_id, on_delete: :cascade
  add_foreign_key :cart_items, :products, column: :product_id, on_delete: :cascade
  add_foreign_key :orders, :users, column: :customer_id, on_delete: :restrict
  add_foreign_key :order_items, :orders, column: :parent_order_id, on_delete: :cascade
  add_foreign_key :order_items, :users, column: :customer_id, on_delete: :restrict
  add_foreign_key :order_items, :products, column: :product_id, on_delete: :restrict
  add_foreign_key :payments, :orders, column: :paid_order_id, on_delete: :restrict
  add_foreign_key :payments, :users, column: :customer_id, on_delete: :restrict
  add_foreign_key :reviews, :products, column: :product_id, on_delete: :cascade
  add_foreign_key :reviews, :users, column: :author_id, on_delete: :cascade
  add_foreign_key "tags_products", :tags, column: :tag_id, on_delete: :cascade
  add_foreign_key "tags_products", :products, column: :product_id, on_delete: :cascade
end
