# frozen_string_literal: true

# Post rows.
class Post < ApplicationRecord
  self.table_name = "posts"

  belongs_to :blog, class_name: "Blog", optional: true
  has_and_belongs_to_many :tag, class_name: "Tag",
                                join_table: "posts_tag",
                                foreign_key: "post_id",
                                association_foreign_key: "tag_id"

  BODY_KEYS = { blog: "blog_id", tag: "tag_ids" }.freeze

  validates :title, not_null: true, length: { maximum: 255 }
  validates :content, not_null: true
  validates :date, not_null: true

  def self.body_key(attribute)
    BODY_KEYS.fetch(attribute.to_sym, attribute.to_s)
  end
end
