# frozen_string_literal: true

# The base of every controller: JSON in and out, Problem bodies for errors.
class ApplicationController < ActionController::API
  include ProblemResponses
  include Authentication

  wrap_parameters false
end
