# frozen_string_literal: true

# The generated service's puma settings: RAILS_MAX_THREADS threads (5), one process.
threads_count = ENV.fetch("RAILS_MAX_THREADS", 5).to_i
threads threads_count, threads_count
port ENV.fetch("PORT", 8000)
environment "production"
