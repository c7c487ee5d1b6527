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

  create_table :blogs do |t|
    t.string :name, limit: 255, null: false
    t.string :handle, limit: 255, null: false
    t.references :user
  end

  create_table :posts do |t|
    t.string :title, limit: 255, null: false
    t.text :content, null: false
    t.datetime :date, null: false
    t.references :blog
  end

  create_table :tags do |t|
    t.string :name, limit: 255, null: false
  end

  create_table :posts_tag, id: false do |t|
    t.bigint :post_id, null: false
    t.bigint :tag_id, null: false
    t.index %i[post_id tag_id], unique: true
  end

  add_foreign_key :blogs, :users, column: :user_id
  add_foreign_key :posts, :blogs, column: :blog_id
  add_foreign_key "posts_tag", :posts, column: :post_id, on_delete: :cascade
  add_foreign_key "posts_tag", :tags, column: :tag_id, on_delete: :cascade
end
