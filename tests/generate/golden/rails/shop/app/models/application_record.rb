# frozen_string_literal: true

# The base of every model.
class ApplicationRecord < ActiveRecord::Base
  self.abstract_class = true

  # The request-body key of a model attribute (errors name body keys).
  def self.body_key(attribute)
    attribute.to_s
  end

  # Saves an update as the row's next version. Optimistic locking bumps the lock column (and
  # checks it in the UPDATE) only when some column changed; an update that changes nothing,
  # or only a many-to-many set, marks it changed so that every update answers version + 1.
  def save_next_version!
    attribute_will_change!(self.class.locking_column) if locking_enabled? && !changed?
    save!
  end
end
