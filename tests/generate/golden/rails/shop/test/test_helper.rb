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
    CATEGORY_SLUG = %w[
      slug-1
      slug-2
      slug-3
      slug-4
      slug-5
      slug-6
      slug-7
      slug-8
      slug-9
      slug-10
      slug-11
      slug-12
      slug-13
      slug-14
      slug-15
      slug-16
      slug-17
      slug-18
      slug-19
      slug-20
      slug-21
      slug-22
      slug-23
      slug-24
      slug-25
      slug-26
      slug-27
      slug-28
      slug-29
      slug-30
      slug-31
      slug-32
      slug-33
      slug-34
      slug-35
      slug-36
      slug-37
      slug-38
      slug-39
      slug-40
    ].freeze
    TAG_LABEL = %w[
      label-1
      label-2
      label-3
      label-4
      label-5
      label-6
      label-7
      label-8
      label-9
      label-10
      label-11
      label-12
      label-13
      label-14
      label-15
      label-16
      label-17
      label-18
      label-19
      label-20
      label-21
      label-22
      label-23
      label-24
      label-25
      label-26
      label-27
      label-28
      label-29
      label-30
      label-31
      label-32
      label-33
      label-34
      label-35
      label-36
      label-37
      label-38
      label-39
      label-40
    ].freeze
    PRODUCT_SKU = %w[
      SAMPLE-0001
      SAMPLE-0002
      SAMPLE-0003
      SAMPLE-0004
      SAMPLE-0005
      SAMPLE-0006
      SAMPLE-0007
      SAMPLE-0008
      SAMPLE-0009
      SAMPLE-0010
      SAMPLE-0011
      SAMPLE-0012
      SAMPLE-0013
      SAMPLE-0014
      SAMPLE-0015
      SAMPLE-0016
      SAMPLE-0017
      SAMPLE-0018
      SAMPLE-0019
      SAMPLE-0020
      SAMPLE-0021
      SAMPLE-0022
      SAMPLE-0023
      SAMPLE-0024
      SAMPLE-0025
      SAMPLE-0026
      SAMPLE-0027
      SAMPLE-0028
      SAMPLE-0029
      SAMPLE-0030
      SAMPLE-0031
      SAMPLE-0032
      SAMPLE-0033
      SAMPLE-0034
      SAMPLE-0035
      SAMPLE-0036
      SAMPLE-0037
      SAMPLE-0038
      SAMPLE-0039
      SAMPLE-0040
    ].freeze
    ORDER_NUMBER = %w[
      number-1
      number-2
      number-3
      number-4
      number-5
      number-6
      number-7
      number-8
      number-9
      number-10
      number-11
      number-12
      number-13
      number-14
      number-15
      number-16
      number-17
      number-18
      number-19
      number-20
      number-21
      number-22
      number-23
      number-24
      number-25
      number-26
      number-27
      number-28
      number-29
      number-30
      number-31
      number-32
      number-33
      number-34
      number-35
      number-36
      number-37
      number-38
      number-39
      number-40
    ].freeze
    PAYMENT_PROVIDER_REF = %w[
      provider-1
      provider-2
      provider-3
      provider-4
      provider-5
      provider-6
      provider-7
      provider-8
      provider-9
      provider-10
      provider-11
      provider-12
      provider-13
      provider-14
      provider-15
      provider-16
      provider-17
      provider-18
      provider-19
      provider-20
      provider-21
      provider-22
      provider-23
      provider-24
      provider-25
      provider-26
      provider-27
      provider-28
      provider-29
      provider-30
      provider-31
      provider-32
      provider-33
      provider-34
      provider-35
      provider-36
      provider-37
      provider-38
      provider-39
      provider-40
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

    def create_category(**attrs)
      n = next_sequence
      defaults = {}
      defaults[:name] = "name-1" unless attrs.key?(:name)
      defaults[:slug] = CATEGORY_SLUG[n % CATEGORY_SLUG.length] unless attrs.key?(:slug)
      Category.create!(defaults.merge(attrs))
    end

    def create_tag(**attrs)
      n = next_sequence
      defaults = {}
      defaults[:label] = TAG_LABEL[n % TAG_LABEL.length] unless attrs.key?(:label)
      Tag.create!(defaults.merge(attrs))
    end

    def create_product(**attrs)
      n = next_sequence
      defaults = {}
      defaults[:name] = "name-1" unless attrs.key?(:name)
      defaults[:sku] = PRODUCT_SKU[n % PRODUCT_SKU.length] unless attrs.key?(:sku)
      defaults[:price] = "1" unless attrs.key?(:price)
      defaults[:category] = create_category unless attrs.key?(:category)
      Product.create!(defaults.merge(attrs))
    end

    def create_cart(**attrs)
      defaults = {}
      defaults[:customer] = create_user unless attrs.key?(:customer)
      Cart.create!(defaults.merge(attrs))
    end

    def create_cart_item(**attrs)
      defaults = {}
      defaults[:cart] = create_cart unless attrs.key?(:cart)
      defaults[:customer] = create_user unless attrs.key?(:customer)
      defaults[:product] = create_product unless attrs.key?(:product)
      CartItem.create!(defaults.merge(attrs))
    end

    def create_order(**attrs)
      n = next_sequence
      defaults = {}
      defaults[:number] = ORDER_NUMBER[n % ORDER_NUMBER.length] unless attrs.key?(:number)
      defaults[:customer] = create_user unless attrs.key?(:customer)
      defaults[:ship_to_name] = "shiptona-1" unless attrs.key?(:ship_to_name)
      defaults[:ship_to_address] = "shiptoad-1" unless attrs.key?(:ship_to_address)
      Order.create!(defaults.merge(attrs))
    end

    def create_order_item(**attrs)
      defaults = {}
      defaults[:parent_order] = create_order unless attrs.key?(:parent_order)
      defaults[:customer] = create_user unless attrs.key?(:customer)
      defaults[:product] = create_product unless attrs.key?(:product)
      defaults[:quantity] = 2 unless attrs.key?(:quantity)
      OrderItem.create!(defaults.merge(attrs))
    end

    def create_payment(**attrs)
      n = next_sequence
      defaults = {}
      defaults[:paid_order] = create_order unless attrs.key?(:paid_order)
      defaults[:customer] = create_user unless attrs.key?(:customer)
      defaults[:provider_ref] = PAYMENT_PROVIDER_REF[n % PAYMENT_PROVIDER_REF.length] unless attrs.key?(:provider_ref)
      defaults[:amount] = "1" unless attrs.key?(:amount)
      defaults[:currency] = "usd" unless attrs.key?(:currency)
      Payment.create!(defaults.merge(attrs))
    end

    def create_review(**attrs)
      defaults = {}
      defaults[:product] = create_product unless attrs.key?(:product)
      defaults[:author] = create_user unless attrs.key?(:author)
      defaults[:rating] = 2 unless attrs.key?(:rating)
      Review.create!(defaults.merge(attrs))
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
