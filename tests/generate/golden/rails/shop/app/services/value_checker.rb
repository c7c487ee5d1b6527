# frozen_string_literal: true

# Checks one JSON value against a field of the contract (openapi.json) and turns it into
# the Ruby value stored; every problem becomes a message for a 422 Problem body.
class ValueChecker
  INT32 = (-(2**31)..((2**31) - 1))
  INT64 = (-(2**63)..((2**63) - 1))
  EMAIL = /\A[^@\s]+@[^@\s]+\z/
  UUID = /\A\h{8}-\h{4}-\h{4}-\h{4}-\h{12}\z/
  DATE = /\A\d{4}-\d{2}-\d{2}\z/
  TIME = /\A\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?\z/i
  BOOLEANS = { "true" => true, "false" => false }.freeze

  Invalid = Class.new(StandardError)

  # The Ruby value of `value` for `field`; raises Invalid with the reason.
  def self.check(field, value)
    return check_many(field, value) if field[:many]

    checked = typed(field, value)
    constrain(field, checked)
    checked
  end

  # The Ruby value of the query-string `text` for `field` (a parameter).
  def self.parse_param(field, text)
    raise Invalid, "must be a single value" unless text.is_a?(String)

    value = case field[:type]
            when "int", "bigint", "id" then integer_text(text)
            when "float" then float_text(text)
            when "bool" then BOOLEANS.fetch(text) { raise Invalid, "must be true or false" }
            else text
            end
    check(field, value)
  end

  def self.check_many(field, value)
    raise Invalid, "must be a list" unless value.is_a?(Array)

    value.map { |item| check(field.except(:many), item) }
  end

  def self.typed(field, value)
    case field[:type]
    when "int", "bigint", "id" then integer(field, value)
    when "float" then number(value)
    when "decimal" then decimal(field, value)
    when "bool" then boolean(value)
    when "json" then value
    else text(field, value)
    end
  end

  def self.integer(field, value)
    value = value.to_i if value.is_a?(Float) && value.finite? && value == value.floor
    raise Invalid, "must be an integer" unless value.is_a?(Integer)

    range = field[:type] == "int" ? INT32 : INT64
    raise Invalid, "is out of range" unless range.cover?(value)

    value
  end

  def self.number(value)
    raise Invalid, "must be a number" unless value.is_a?(Numeric)

    value.to_f
  end

  def self.decimal(field, value)
    raise Invalid, "must be a decimal string" unless value.is_a?(String)
    raise Invalid, "does not match the pattern" if field[:pattern] && !field[:pattern].match?(value)

    BigDecimal(value)
  rescue ArgumentError
    raise Invalid, "must be a decimal string"
  end

  def self.boolean(value)
    raise Invalid, "must be true or false" unless [true, false].include?(value)

    value
  end

  def self.text(field, value)
    raise Invalid, "must be a string" unless value.is_a?(String)
    raise Invalid, "must not contain NUL characters" if value.include?("\u0000")

    formatted(field[:type], value)
    value
  end

  def self.formatted(type, value)
    case type
    when "email" then raise Invalid, "must be an email address" unless EMAIL.match?(value)
    when "uuid" then raise Invalid, "must be a UUID" unless UUID.match?(value)
    when "url", "file" then url(value)
    when "date" then date(value)
    when "datetime" then datetime(value)
    when "time" then raise Invalid, "must be a time (HH:MM:SS)" unless TIME.match?(value)
    end
  end

  def self.url(value)
    uri = URI.parse(value)
    raise Invalid, "must be an absolute URL" if uri.scheme.nil?
  rescue URI::InvalidURIError
    raise Invalid, "must be an absolute URL"
  end

  def self.date(value)
    raise Invalid, "must be a date (YYYY-MM-DD)" unless DATE.match?(value)

    Date.iso8601(value)
  rescue Date::Error
    raise Invalid, "must be a date (YYYY-MM-DD)"
  end

  def self.datetime(value)
    Time.iso8601(value)
  rescue ArgumentError
    raise Invalid, "must be an ISO 8601 date-time"
  end

  def self.constrain(field, value)
    choices(field, value)
    lengths(field, value) if value.is_a?(String)
    bounds(field, value) if value.is_a?(Numeric)
  end

  def self.choices(field, value)
    return if field[:choices].nil? || field[:choices].include?(value)

    raise Invalid, "must be one of: #{field[:choices].join(', ')}"
  end

  def self.lengths(field, value)
    if field[:max_length] && value.length > field[:max_length]
      raise Invalid, "must have at most #{field[:max_length]} characters"
    end
    if field[:min_length] && value.length < field[:min_length]
      raise Invalid, "must have at least #{field[:min_length]} characters"
    end
    raise Invalid, "does not match the pattern" if field[:pattern] && !field[:pattern].match?(value)
  end

  def self.bounds(field, value)
    raise Invalid, "must be at least #{field[:minimum]}" if field[:minimum] && value < field[:minimum]
    raise Invalid, "must be at most #{field[:maximum]}" if field[:maximum] && value > field[:maximum]
  end

  def self.integer_text(text)
    raise Invalid, "must be an integer" unless /\A[-+]?\d+\z/.match?(text)

    Integer(text, 10)
  end

  def self.float_text(text)
    Float(text)
  rescue ArgumentError
    raise Invalid, "must be a number"
  end

  private_class_method :check_many, :typed, :integer, :number, :decimal, :boolean, :text,
                       :formatted, :url, :date, :datetime, :constrain, :choices, :lengths,
                       :bounds, :integer_text, :float_text
end
