# frozen_string_literal: true

threads_count = ENV.fetch("RAILS_MAX_THREADS", 5).to_i
threads threads_count, threads_count
port ENV.fetch("PORT", 8000)
environment ENV.fetch("RAILS_ENV", "development")
pidfile ENV.fetch("PIDFILE", "tmp/pids/server.pid")
# Puma 6 answers 501 itself to methods outside its list (e.g. QUERY); let them reach Rails,
# which answers them with a Problem body, as it does under Puma 5 (Debian bookworm).
supported_http_methods :any if respond_to?(:supported_http_methods)
