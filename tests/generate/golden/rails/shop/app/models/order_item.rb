# frozen_string_literal: true

# A line of an order, priced when it was ordered
class OrderItem < ApplicationRecord
  self.table_name = "order_items"

  belongs_to :parent_order, class_name: "Order"
  belongs_to :customer, class_name: "User"
  belongs_to :product, class_name: "Product"

  BODY_KEYS = { parent_order: "parent_order_id", customer: "customer_id", product: "product_id" }.freeze

  validates :quantity, not_null: true,
                       numericality: { only_integer: true, greater_than_or_equal_to: 1, less_than_or_equal_to: 999 }
  validates :unit_price, numericality: { greater_than_or_equal_to: 0 }

  def self.body_key(attribute)
    BODY_KEYS.fetch(attribute.to_sym, attribute.to_s)
  end
end
