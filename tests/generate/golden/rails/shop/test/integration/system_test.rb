# frozen_string_literal: true

require "test_helper"

# Health, readiness, metrics, the API document, unknown routes and rate limits.
class SystemTest < ActionDispatch::IntegrationTest
  test "answers health and readiness" do
    get "/health"
    assert_response :ok
    assert_equal({ "status" => "ok" }, json)
    get "/ready"
    assert_response :ok
  end

  test "answers 503 when the database is down" do
    ActiveRecord::Base.connection_pool.stub(:with_connection, ->(*) { raise ActiveRecord::ConnectionNotEstablished }) do
      get "/ready"
    end
    assert_response :service_unavailable
    assert_equal "unavailable", json["status"]
  end

  test "serves Prometheus metrics" do
    get "/health"
    get "/metrics"
    assert_response :ok
    assert_includes response.body, "http_requests_total"
    assert_includes response.body, "http_request_duration_seconds_bucket"
  end

  test "serves the contract it implements" do
    get "/openapi.json"
    assert_response :ok
    assert_equal Rails.root.join("openapi.json").read, response.body
  end

  test "answers 404 with a Problem body for unknown routes" do
    get "/no-such-route"
    assert_response :not_found
    assert_equal [], json["errors"]
  end

  test "renders errors outside controllers as Problem bodies" do
    status, headers, body = ProblemExceptions.new.call("PATH_INFO" => "/400")
    assert_equal 400, status
    assert_equal "application/json", headers["content-type"]
    assert_equal "Bad Request.", JSON.parse(body.first)["detail"]
  end

  test "logs one JSON object per line" do
    line = JsonLogFormatter.new.call("INFO", Time.utc(2024, 1, 1), nil, { event: "x" })
    assert_equal({ "time" => "2024-01-01T00:00:00.000Z", "level" => "info", "event" => "x" }, JSON.parse(line))
  end

  test "answers 429 with Retry-After when a limit is reached" do
    Rack::Attack.enabled = true
    Rack::Attack.reset!
    statuses = Array.new(11) do
      post "/auth/register"
      response.status
    end
    assert_equal 429, statuses.last
    assert response.headers["Retry-After"].to_i.positive?
  ensure
    Rack::Attack.enabled = false
    Rack::Attack.reset!
  end

  test "reads the settings from the environment" do
    assert_equal "sqlite3:db/x.db", AppSettings.database_url("sqlite:///./db/x.db", variable: "NO_SUCH_VARIABLE")
    assert_equal "postgresql://u@h/d", AppSettings.database_url("postgresql+psycopg://u@h/d", variable: "NO_SUCH_VARIABLE")
    assert AppSettings.access_token_lifetime.positive?
    assert_kind_of Array, AppSettings.cors_origins
  end

  test "refuses to run in production with the example secret" do
    ENV["ENVIRONMENT"] = "production"
    ENV["SECRET_KEY"] = AppSettings::EXAMPLE_SECRET
    assert_raises(ArgumentError) { AppSettings.check! }
    ENV["ENVIRONMENT"] = "staging"
    assert_raises(ArgumentError) { AppSettings.check! }
  ensure
    ENV.delete("ENVIRONMENT")
    ENV.delete("SECRET_KEY")
  end
end
