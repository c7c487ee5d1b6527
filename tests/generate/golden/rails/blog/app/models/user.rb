# frozen_string_literal: true

# User rows.
class User < ApplicationRecord
  self.table_name = "users"

  ROLES = [].freeze

  has_secure_password

  validates :email, not_null: true, length: { maximum: 254 }, format: { with: ValueChecker::EMAIL }
  validates :name, length: { maximum: 150 }, allow_nil: true
  validates :role, inclusion: { in: ROLES }, allow_nil: true
end
