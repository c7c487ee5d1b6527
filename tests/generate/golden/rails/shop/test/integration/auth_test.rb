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

  test "answers 503 for an unconfigured provider and 404 for an unknown one" do
    get "/auth/oauth/google/authorize"
    assert_response :service_unavailable
    get "/auth/oauth/nope/authorize"
    assert_response :not_found
  end

  test "signs in with a configured provider" do
    with_provider do
      get "/auth/oauth/google/authorize", params: { state: "xyz" }
      assert_response :found
      assert_includes response.location, "state=xyz"

      client = OAuthClient.new("google")
      client.stub(:email_for, "oauth@example.com") do
        OAuthClient.stub(:new, client) do
          post "/auth/oauth/google/token", params: { grant_type: "authorization_code", code: "abc" }
        end
      end
      assert_response :ok
      assert User.exists?(email: "oauth@example.com")
    end
  end

  private

  def with_provider
    names = OAuthClient::SETTINGS.map { |name| "OAUTH_GOOGLE_#{name}" }
    names.each { |name| ENV[name] = "https://provider.example.com/#{name.downcase}" }
    yield
  ensure
    names.each { |name| ENV.delete(name) }
  end
end
