# frozen_string_literal: true

# Reads a JSON request body against the fields of a contract body: unknown keys, missing
# keys, nulls where none are allowed and every constraint answer 422.
class RequestBody
  def self.parse(raw, fields)
    text = raw.to_s.dup.force_encoding(Encoding::UTF_8)
    raise ApiError.new(400, "The body is not valid UTF-8.") unless text.valid_encoding?

    data = text.blank? ? {} : JSON.parse(text)
    raise ApiError.invalid([{ field: "body", message: "must be a JSON object" }]) unless data.is_a?(Hash)

    new(fields).read(data)
  rescue JSON::ParserError
    raise ApiError.new(400, "The body is not valid JSON.")
  end

  def initialize(fields)
    @fields = fields.index_by { |field| field[:name] }
  end

  # The checked values by body key (only the keys that were sent).
  def read(data)
    errors = (data.keys - @fields.keys).map { |key| { field: key, message: "is not a known field" } }
    missing = @fields.values.select { |field| field[:required] && !data.key?(field[:name]) }
    errors += missing.map { |field| { field: field[:name], message: "is required" } }
    values = {}
    data.slice(*@fields.keys).each do |key, value|
      values[key] = value_of(@fields[key], value)
    rescue ValueChecker::Invalid => e
      errors << { field: key, message: e.message }
    end
    raise ApiError.invalid(errors) if errors.any?

    values
  end

  private

  def value_of(field, value)
    return ValueChecker.check(field, value) unless value.nil?
    raise ValueChecker::Invalid, "must not be null" unless field[:nullable]

    nil
  end
end
