# frozen_string_literal: true

ENV["BUNDLE_GEMFILE"] ||= File.expand_path("../Gemfile", __dir__)
# ENVIRONMENT (development, test, production) names the Rails environment.
ENV["RAILS_ENV"] ||= ENV.fetch("ENVIRONMENT", nil)

require "bundler/setup"
