# frozen_string_literal: true

# The write side of ResourceEndpoints: what create and update do to a row before they save
# it (the checks the spec asks for, and copying the body's values onto the row).
module RowWrites
  extend ActiveSupport::Concern

  private

  def check_version!(row, version)
    raise ApiError.conflict("The row changed since you read it.") unless version == row.lock_version
  end

  def fill_server_fields(row)
    row[contract.owner] = current_user&.id if contract.owner
  end

  # Copies body values onto the row; `<name>_ids` replace a many-to-many set.
  def assign_values(row, values)
    values.each do |key, value|
      association = contract.many[key]
      if association
        assign_many(row, association, value)
      else
        row[key] = value
      end
    end
  end

  def assign_many(row, association, ids)
    target = row.class.reflect_on_association(association).klass
    found = target.where(id: ids.uniq).to_a
    raise ApiError.conflict("#{association}_ids names rows that do not exist.") if found.length != ids.uniq.length

    row.public_send("#{association}=", found)
  end
end
