# frozen_string_literal: true

# The Rails ceiling: one JSON action in a one-file API-only application, served by puma
# like the generated service (`puma -C puma.rb config.ru`).
require "rails"
require "action_controller/railtie"

class HelloApp < Rails::Application
  config.load_defaults 6.1
  config.api_only = true
  config.eager_load = true
  config.logger = Logger.new(nil)
  config.secret_key_base = ENV.fetch("SECRET_KEY", "hello-benchmark-only")
  config.hosts.clear
  routes.append { get "/hello", to: "hello#show" }
end

class HelloController < ActionController::API
  def show
    render json: { message: "hello" }
  end
end

HelloApp.initialize!
run HelloApp
