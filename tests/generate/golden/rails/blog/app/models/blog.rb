# frozen_string_literal: true

# Blog rows.
class Blog < ApplicationRecord
  self.table_name = "blogs"

  belongs_to :user, class_name: "User", optional: true

  BODY_KEYS = { user: "user_id" }.freeze

  validates :name, not_null: true, length: { minimum: 3, maximum: 255 }
  validates :handle, not_null: true, length: { minimum: 2, maximum: 255 }

  def self.body_key(attribute)
    BODY_KEYS.fetch(attribute.to_sym, attribute.to_s)
  end
end
