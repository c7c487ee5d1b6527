# frozen_string_literal: true

# A verified buyer's rating of a product
class Review < ApplicationRecord
  self.table_name = "reviews"

  belongs_to :product, class_name: "Product"
  belongs_to :author, class_name: "User"

  BODY_KEYS = { product: "product_id", author: "author_id" }.freeze

  validates :rating, not_null: true,
                     numericality: { only_integer: true, greater_than_or_equal_to: 1, less_than_or_equal_to: 5 }
  validates :title, length: { maximum: 120 }, allow_nil: true
  validates :body, length: { maximum: 5000 }, allow_nil: true

  def self.body_key(attribute)
    BODY_KEYS.fetch(attribute.to_sym, attribute.to_s)
  end
end
