# frozen_string_literal: true

# Something we sell
class Product < ApplicationRecord
  self.table_name = "products"

  belongs_to :category, class_name: "Category"
  has_and_belongs_to_many :tags, class_name: "Tag",
                                 join_table: "tags_products",
                                 foreign_key: "product_id",
                                 association_foreign_key: "tag_id"
  has_many :reviews, class_name: "Review", foreign_key: "product_id", inverse_of: :product

  BODY_KEYS = { category: "category_id", tags: "tags_ids", lock_version: "version" }.freeze

  validates :name, not_null: true, length: { minimum: 2, maximum: 120 }
  validates :sku, not_null: true, length: { maximum: 32 }, format: { with: /\A[A-Z0-9-]{4,32}\z/ }
  validates :description, length: { maximum: 10_000 }, allow_nil: true
  validates :price, not_null: true, numericality: { greater_than_or_equal_to: 0 }
  validates :currency, inclusion: { in: Currency::VALUES }
  validates :stock, numericality: { only_integer: true, greater_than_or_equal_to: 0 }
  validates :weight_grams, numericality: { only_integer: true, greater_than_or_equal_to: 1 }, allow_nil: true
  validates :image, length: { maximum: 2048 }, allow_nil: true

  def self.body_key(attribute)
    BODY_KEYS.fetch(attribute.to_sym, attribute.to_s)
  end
end
