# frozen_string_literal: true

# The values of Currency.
module Currency
  VALUES = %w[eur usd gbp].freeze
end
