# frozen_string_literal: true

require_relative "boot"

require "rails"
require "active_model/railtie"
require "active_record/railtie"
require "action_controller/railtie"

Bundler.require(*Rails.groups)

require_relative "../lib/app_settings"
require_relative "../lib/json_log_formatter"
require_relative "../lib/problem_exceptions"
require_relative "../lib/request_metrics"

module Shop
  # Online store (Rails API mode).
  class Application < Rails::Application
    # The defaults of the Rails this runs on (6.1 from Debian, or a current one).
    config.load_defaults "#{Rails::VERSION::MAJOR}.#{Rails::VERSION::MINOR}"
    config.api_only = true
    config.time_zone = "UTC"
    config.active_record.dump_schema_after_migration = false
    config.secret_key_base = AppSettings.secret_key
    config.cache_store = :memory_store
    config.exceptions_app = ProblemExceptions.new
    # Host names are checked by the proxy in front of the service.
    config.hosts.clear

    logger = ActiveSupport::Logger.new($stdout)
    logger.formatter = JsonLogFormatter.new
    config.logger = logger
    config.log_level = AppSettings.log_level
    config.log_formatter = logger.formatter

    config.middleware.insert_before 0, RequestMetrics
    config.middleware.use Rack::Attack
  end
end
