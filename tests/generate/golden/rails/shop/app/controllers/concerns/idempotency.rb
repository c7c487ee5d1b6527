# frozen_string_literal: true

# Requests repeated with the same Idempotency-Key within 24 hours get the first answer
# again and have no further effect.
module Idempotency
  extend ActiveSupport::Concern

  HEADER = "Idempotency-Key"
  KEEP = 24.hours

  private

  def idempotently(operation)
    key = request.headers[HEADER]
    return yield if key.nil?

    check_idempotency_key!(key)
    cache_key = ["idempotency", operation, current_user&.id, key].join(":")
    saved = Rails.cache.read(cache_key)
    return render(json: saved[:body], status: saved[:status]) if saved

    yield
    Rails.cache.write(cache_key, { status: response.status, body: response.body }, expires_in: KEEP)
  end

  def check_idempotency_key!(key)
    return if key.length.between?(1, 255)

    raise ApiError.invalid([{ field: HEADER, message: "must have 1 to 255 characters" }])
  end
end
