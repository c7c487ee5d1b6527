# frozen_string_literal: true

# Tag rows.
class Tag < ApplicationRecord
  self.table_name = "tags"

  has_and_belongs_to_many :entry, class_name: "Post",
                                  join_table: "posts_tag",
                                  foreign_key: "tag_id",
                                  association_foreign_key: "post_id"

  BODY_KEYS = { entry: "entry_ids" }.freeze

  validates :name, not_null: true, length: { minimum: 2, maximum: 255 }

  def self.body_key(attribute)
    BODY_KEYS.fetch(attribute.to_sym, attribute.to_s)
  end
end
