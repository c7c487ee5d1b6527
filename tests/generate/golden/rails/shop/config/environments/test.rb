# frozen_string_literal: true

Rails.application.configure do
  config.cache_classes = true
  config.eager_load = true
  config.consider_all_requests_local = false
  config.action_controller.allow_forgery_protection = false
  config.active_support.deprecation = :stderr
  config.logger = ActiveSupport::Logger.new(Rails.root.join("log/test.log"))
  config.logger.formatter = JsonLogFormatter.new
end
