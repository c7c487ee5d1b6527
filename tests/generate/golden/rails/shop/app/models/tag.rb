# frozen_string_literal: true

# A free label shown as a product facet
class Tag < ApplicationRecord
  self.table_name = "tags"

  has_and_belongs_to_many :products, class_name: "Product",
                                     join_table: "tags_products",
                                     foreign_key: "tag_id",
                                     association_foreign_key: "product_id"

  BODY_KEYS = { products: "products_ids" }.freeze

  validates :label, not_null: true, length: { maximum: 40 }

  def self.body_key(attribute)
    BODY_KEYS.fetch(attribute.to_sym, attribute.to_s)
  end
end
