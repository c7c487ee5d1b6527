# frozen_string_literal: true

# Cart rows.
class Cart < ApplicationRecord
  self.table_name = "carts"

  belongs_to :customer, class_name: "User"
  has_many :items, class_name: "CartItem", foreign_key: "cart_id", inverse_of: :cart

  BODY_KEYS = { customer: "customer_id" }.freeze

  def self.body_key(attribute)
    BODY_KEYS.fetch(attribute.to_sym, attribute.to_s)
  end
end
