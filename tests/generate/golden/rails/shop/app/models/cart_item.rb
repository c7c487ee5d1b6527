# frozen_string_literal: true

# CartItem rows.
class CartItem < ApplicationRecord
  self.table_name = "cart_items"

  belongs_to :cart, class_name: "Cart"
  belongs_to :customer, class_name: "User"
  belongs_to :product, class_name: "Product"

  BODY_KEYS = { cart: "cart_id", customer: "customer_id", product: "product_id" }.freeze

  validates :quantity, numericality: { only_integer: true, greater_than_or_equal_to: 1, less_than_or_equal_to: 99 }

  def self.body_key(attribute)
    BODY_KEYS.fetch(attribute.to_sym, attribute.to_s)
  end
end
