# frozen_string_literal: true

require_relative "application"

AppSettings.check!
Rails.application.initialize!
