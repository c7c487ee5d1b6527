# frozen_string_literal: true

# An error answered as a Problem body: {"detail": ..., "errors": [{"field", "message"}]}.
class ApiError < StandardError
  attr_reader :status, :errors, :headers

  def initialize(status, detail, errors: [], headers: {})
    super(detail)
    @status = status
    @errors = errors
    @headers = headers
  end

  def self.not_found
    new(404, "Not found.")
  end

  def self.invalid(errors)
    new(422, "The request is invalid.", errors: errors)
  end

  def self.conflict(detail = "The request conflicts with existing data.")
    new(409, detail)
  end

  def self.unauthenticated
    new(401, "Not authenticated.", headers: { "WWW-Authenticate" => "Bearer" })
  end

  def self.forbidden(detail = "You may not do this.", errors: [])
    new(403, detail, errors: errors)
  end
end
