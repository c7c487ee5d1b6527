# frozen_string_literal: true

# Every error leaves as a Problem body: {"detail": str, "errors": [{"field", "message"}]}.
module ProblemResponses
  extend ActiveSupport::Concern

  included do
    rescue_from ApiError, with: :render_api_error
    rescue_from ActiveRecord::RecordInvalid, with: :render_record_invalid
    rescue_from ActiveRecord::RecordNotUnique do
      render_problem(409, "The request conflicts with existing data.")
    end
    rescue_from ActiveRecord::InvalidForeignKey do
      render_problem(409, "The request refers to rows that do not exist or are still in use.")
    end
  end

  def not_found
    render_problem(404, "Not found.")
  end

  private

  def render_problem(status, detail, errors = [])
    render json: { detail: detail, errors: errors }, status: status
  end

  def render_api_error(error)
    error.headers.each { |name, value| response.set_header(name, value) }
    render_problem(error.status, error.message, error.errors)
  end

  def render_record_invalid(error)
    record = error.record
    errors = record.errors.map do |problem|
      { field: record.class.body_key(problem.attribute), message: problem.message }
    end
    render_problem(422, "The request is invalid.", errors)
  end
end
