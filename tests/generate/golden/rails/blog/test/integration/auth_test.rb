# frozen_string_literal: true

require "test_helper"

# /auth: register, sign in, tokens, the signed-in user.
class AuthTest < ActionDispatch::IntegrationTest
  test "registers, signs in and reads the signed-in user" do
    send_json :post, "/auth/register", { "email" => "ann@example.com", "password" => "s3cret-pass" }
    assert_response :created
    assert_equal "ann@example.com", json["email"]
    assert_not json.key?("password")

    send_json :post, "/auth/login", { "email" => "ann@example.com", "password" => "s3cret-pass" }
    assert_response :ok
    assert_equal "bearer", json["token_type"]
    tokens = json

    get "/auth/me", headers: { "Authorization" => "Bearer #{tokens['access_token']}" }
    assert_response :ok
    assert_equal "ann@example.com", json["email"]

    send_json :post, "/auth/refresh", { "refresh_token" => tokens["refresh_token"] }
    assert_response :ok
    assert json["access_token"].present?
    send_json :post, "/auth/refresh", { "refresh_token" => tokens["access_token"] }
    assert_response :unauthorized
  end

  test "gives self-registered users the default role" do
    send_json :post, "/auth/register", { "email" => "role@example.com", "password" => "s3cret-pass" }
    assert_response :created
    assert_equal AppSettings.default_role, User.find(json["id"]).role
  end

  test "refuses a taken email, a short password and wrong credentials" do
    create_user(email: "bob@example.com", password: "s3cret-pass")
    send_json :post, "/auth/register", { "email" => "bob@example.com", "password" => "s3cret-pass" }
    assert_response :conflict
    send_json :post, "/auth/register", { "email" => "new@example.com", "password" => "short" }
    assert_response :unprocessable_entity
    assert_equal "password", json["errors"].first["field"]
    send_json :post, "/auth/login", { "email" => "bob@example.com", "password" => "wrong-password" }
    assert_response :unauthorized
    get "/auth/me"
    assert_response :unauthorized
    get "/auth/me", headers: { "Authorization" => "Basic abc" }
    assert_response :unauthorized
  end
end
