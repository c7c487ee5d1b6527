# frozen_string_literal: true

# Health, readiness, metrics and the API document.
class SystemController < ApplicationController
  OPENAPI = Rails.root.join("openapi.json")

  # GET /health
  def health
    render json: { status: "ok" }
  end

  # GET /ready: 503 while the database does not answer.
  def ready
    ActiveRecord::Base.connection_pool.with_connection { |connection| connection.select_value("SELECT 1") }
    render json: { status: "ok" }
  rescue ActiveRecord::ActiveRecordError
    render json: { status: "unavailable" }, status: :service_unavailable
  end

  # GET /metrics (Prometheus text format)
  def metrics
    render plain: RequestMetrics.registry.render, content_type: "text/plain; version=0.0.4"
  end

  # GET /openapi.json: the contract this service serves, as generated.
  def openapi
    render json: OPENAPI.read
  end
end
