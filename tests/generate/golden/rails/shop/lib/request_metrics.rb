# frozen_string_literal: true

# Counts requests and their durations per route, and writes one structured log line per
# request; `RequestMetrics.registry.render` is the Prometheus text of /metrics.
class RequestMetrics
  BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10].freeze

  # The counters, kept in memory (one registry per process).
  class Registry
    def initialize
      @lock = Mutex.new
      @requests = Hash.new(0)
      @durations = Hash.new do |hash, key|
        hash[key] = { buckets: Array.new(BUCKETS.length, 0), sum: 0.0, count: 0 }
      end
    end

    def observe(method, handler, status, seconds)
      @lock.synchronize do
        @requests[[method, handler, status.to_s]] += 1
        entry = @durations[[method, handler]]
        BUCKETS.each_with_index { |bound, i| entry[:buckets][i] += 1 if seconds <= bound }
        entry[:sum] += seconds
        entry[:count] += 1
      end
    end

    def render
      @lock.synchronize { "#{(request_lines + duration_lines).join("\n")}\n" }
    end

    private

    def request_lines
      lines = ["# HELP http_requests_total Requests answered.", "# TYPE http_requests_total counter"]
      @requests.sort.each do |(method, handler, status), count|
        lines << "http_requests_total{method=\"#{method}\",handler=\"#{handler}\",status=\"#{status}\"} #{count}"
      end
      lines
    end

    def duration_lines
      lines = ["# HELP http_request_duration_seconds Time to answer.",
               "# TYPE http_request_duration_seconds histogram"]
      @durations.sort.each do |(method, handler), entry|
        labels = "method=\"#{method}\",handler=\"#{handler}\""
        BUCKETS.each_with_index do |bound, i|
          lines << "http_request_duration_seconds_bucket{#{labels},le=\"#{bound}\"} #{entry[:buckets][i]}"
        end
        lines << "http_request_duration_seconds_bucket{#{labels},le=\"+Inf\"} #{entry[:count]}"
        lines << "http_request_duration_seconds_sum{#{labels}} #{entry[:sum].round(6)}"
        lines << "http_request_duration_seconds_count{#{labels}} #{entry[:count]}"
      end
      lines
    end
  end

  def self.registry
    @registry ||= Registry.new
  end

  def initialize(app, logger: nil)
    @app = app
    @logger = logger
  end

  def call(env)
    started = Process.clock_gettime(Process::CLOCK_MONOTONIC)
    status, headers, body = @app.call(env)
    record(env, status, Process.clock_gettime(Process::CLOCK_MONOTONIC) - started)
    [status, headers, body]
  end

  private

  def record(env, status, seconds)
    handler = handler_of(env)
    self.class.registry.observe(env["REQUEST_METHOD"], handler, status, seconds)
    (@logger || Rails.logger).info(
      event: "request", method: env["REQUEST_METHOD"], path: env["PATH_INFO"], handler: handler,
      status: status, duration_ms: (seconds * 1000).round(2), request_id: env["action_dispatch.request_id"]
    )
  end

  def handler_of(env)
    params = env["action_dispatch.request.path_parameters"]
    return "unmatched" if params.nil? || params[:controller].nil?

    "#{params[:controller]}##{params[:action]}"
  end
end
