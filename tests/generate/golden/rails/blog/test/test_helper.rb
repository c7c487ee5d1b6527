# frozen_string_literal: true

ENV["RAILS_ENV"] = "test"
ENV["RATE_LIMIT_ENABLED"] ||= "false"
ENV["TEST_DATABASE_URL"] ||= "sqlite:///./db/test.sqlite3"

require_relative "coverage"

require_relative "../config/environment"
require "rails/test_help"
require "minitest/mock"

ActiveRecord::Migration.maintain_test_schema!

module ActiveSupport
  class TestCase
    USER_EMAIL = [
      "email1@example.com",
      "email2@example.com",
      "email3@example.com",
      "email4@example.com",
      "email5@example.com",
      "email6@example.com",
      "email7@example.com",
      "email8@example.com",
      "email9@example.com",
      "email10@example.com",
      "email11@example.com",
      "email12@example.com",
      "email13@example.com",
      "email14@example.com",
      "email15@example.com",
      "email16@example.com",
      "email17@example.com",
      "email18@example.com",
      "email19@example.com",
      "email20@example.com",
      "email21@example.com",
      "email22@example.com",
      "email23@example.com",
      "email24@example.com",
      "email25@example.com",
      "email26@example.com",
      "email27@example.com",
      "email28@example.com",
      "email29@example.com",
      "email30@example.com",
      "email31@example.com",
      "email32@example.com",
      "email33@example.com",
      "email34@example.com",
      "email35@example.com",
      "email36@example.com",
      "email37@example.com",
      "email38@example.com",
      "email39@example.com",
      "email40@example.com"
    ].freeze

    def next_sequence
      @next_sequence = (@next_sequence || 0) + 1
    end

    def create_user(**attrs)
      n = next_sequence
      defaults = { email: "user#{n}@example.com", password: "password-#{n}", role: nil }
      defaults[:email] = USER_EMAIL[n % USER_EMAIL.length] unless attrs.key?(:email)
      User.create!(defaults.merge(attrs))
    end

    def create_blog(**attrs)
      defaults = {}
      defaults[:name] = "name-1" unless attrs.key?(:name)
      defaults[:handle] = "handle-1" unless attrs.key?(:handle)
      Blog.create!(defaults.merge(attrs))
    end

    def create_post(**attrs)
      defaults = {}
      defaults[:title] = "title-1" unless attrs.key?(:title)
      defaults[:content] = "content-1" unless attrs.key?(:content)
      defaults[:date] = "2024-01-01T00:01:00+00:00" unless attrs.key?(:date)
      Post.create!(defaults.merge(attrs))
    end

    def create_tag(**attrs)
      defaults = {}
      defaults[:name] = "name-1" unless attrs.key?(:name)
      Tag.create!(defaults.merge(attrs))
    end
  end
end

module ActionDispatch
  class IntegrationTest
    def json
      JSON.parse(response.body)
    end

    # A signed-in user with `role` and the headers that carry their access token.
    def sign_in(role = nil)
      user = create_user(role: role)
      [user, { "Authorization" => "Bearer #{JsonWebToken.encode(user, 'access')}" }]
    end

    def auth_headers(user)
      { "Authorization" => "Bearer #{JsonWebToken.encode(user, 'access')}" }
    end

    def send_json(method, path, body = nil, headers: {})
      public_send(method, path, params: body&.to_json, headers: headers.merge("Content-Type" => "application/json"))
    end
  end
end
