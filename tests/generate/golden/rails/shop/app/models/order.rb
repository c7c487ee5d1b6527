# frozen_string_literal: true

# A customer's order
class Order < ApplicationRecord
  self.table_name = "orders"

  belongs_to :customer, class_name: "User"
  has_many :items, class_name: "OrderItem", foreign_key: "parent_order_id", inverse_of: :parent_order
  has_one :payment, class_name: "Payment", foreign_key: "paid_order_id", inverse_of: :paid_order

  BODY_KEYS = { customer: "customer_id", lock_version: "version" }.freeze

  attribute :placed_at, default: -> { Time.current }

  validates :number, length: { maximum: 20 }, allow_nil: true
  validates :status, inclusion: { in: OrderStatus::VALUES }
  validates :subtotal, numericality: { greater_than_or_equal_to: 0 }
  validates :shipping_fee, numericality: { greater_than_or_equal_to: 0 }
  validates :total, numericality: { greater_than_or_equal_to: 0 }
  validates :currency, inclusion: { in: Currency::VALUES }
  validates :ship_to_name, not_null: true, length: { maximum: 120 }
  validates :ship_to_address, not_null: true
  validates :phone, length: { maximum: 20 }, format: { with: /\A\+?[0-9 ]{6,20}\z/ }, allow_nil: true
  validates :note, length: { maximum: 500 }, allow_nil: true

  def self.body_key(attribute)
    BODY_KEYS.fetch(attribute.to_sym, attribute.to_s)
  end
end
