# frozen_string_literal: true

require "json"
require "rack/utils"

# The exceptions app: errors raised outside a controller still answer a Problem body.
class ProblemExceptions
  def call(env)
    status = env["PATH_INFO"].to_s.delete_prefix("/").to_i
    status = 500 unless status.between?(400, 599)
    detail = Rack::Utils::HTTP_STATUS_CODES.fetch(status, "Error")
    body = JSON.generate(detail: "#{detail}.", errors: [])
    [status, { "content-type" => "application/json" }, [body]]
  end
end
