# frozen_string_literal: true

# The attribute must be set (an empty string is a value; only nil is missing).
class NotNullValidator < ActiveModel::EachValidator
  def validate_each(record, attribute, value)
    record.errors.add(attribute, options[:message] || "must not be null") if value.nil?
  end
end
