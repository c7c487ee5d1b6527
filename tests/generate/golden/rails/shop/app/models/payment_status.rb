# frozen_string_literal: true

# The values of PaymentStatus.
module PaymentStatus
  VALUES = %w[authorized captured failed refunded].freeze
end
