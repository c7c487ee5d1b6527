# frozen_string_literal: true

# A node of the catalogue tree
class Category < ApplicationRecord
  self.table_name = "categories"

  belongs_to :parent, class_name: "Category", optional: true
  has_many :children, class_name: "Category", foreign_key: "parent_id", inverse_of: :parent
  has_many :products, class_name: "Product", foreign_key: "category_id", inverse_of: :category

  BODY_KEYS = { parent: "parent_id" }.freeze

  validates :name, not_null: true, length: { maximum: 80 }
  validates :slug, not_null: true, length: { maximum: 80 }, format: { with: /\A[a-z0-9]+(-[a-z0-9]+)*\z/ }
  validates :position, numericality: { only_integer: true, greater_than_or_equal_to: 0 }

  def self.body_key(attribute)
    BODY_KEYS.fetch(attribute.to_sym, attribute.to_s)
  end
end
