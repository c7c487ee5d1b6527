# frozen_string_literal: true

# A card payment taken through the payment provider
class Payment < ApplicationRecord
  self.table_name = "payments"

  belongs_to :paid_order, class_name: "Order"
  belongs_to :customer, class_name: "User"

  BODY_KEYS = { paid_order: "paid_order_id", customer: "customer_id" }.freeze

  validates :provider_ref, length: { maximum: 64 }, allow_nil: true
  validates :amount, not_null: true, numericality: { greater_than_or_equal_to: 0 }
  validates :currency, not_null: true, inclusion: { in: Currency::VALUES }
  validates :status, inclusion: { in: PaymentStatus::VALUES }
  validates :card_last4, length: { maximum: 4 }, format: { with: /\A[0-9]{4}\z/ }, allow_nil: true

  def self.body_key(attribute)
    BODY_KEYS.fetch(attribute.to_sym, attribute.to_s)
  end
end
