# frozen_string_literal: true

# The base of every model.
class ApplicationRecord < ActiveRecord::Base
  self.abstract_class = true

  # The request-body key of a model attribute (errors name body keys).
  def self.body_key(attribute)
    attribute.to_s
  end
end
