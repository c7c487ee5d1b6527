# frozen_string_literal: true

# The values of OrderStatus.
module OrderStatus
  VALUES = %w[pending paid packed shipped delivered cancelled refunded].freeze
end
