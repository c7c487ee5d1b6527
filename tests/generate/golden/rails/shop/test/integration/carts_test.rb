# frozen_string_literal: true

require "test_helper"

# /carts: CRUD, validation, access, lists and actions.
class CartsTest < ActionDispatch::IntegrationTest
  test "lists carts in a page envelope" do
    _, headers = sign_in("customer")
    get "/carts", headers: headers
    assert_response :ok
    assert_kind_of Array, json["items"]
    assert_equal 1, json["page"]
    assert json.key?("total")
  end

  test "rejects a page size above the maximum" do
    _, headers = sign_in("customer")
    get "/carts", params: { size: 101 }, headers: headers
    assert_response :unprocessable_entity
    assert_equal "size", json["errors"].first["field"]
  end

  test "pages through carts" do
    user, headers = sign_in("customer")
    row = create_cart(customer: user)
    get "/carts", params: { size: 1 }, headers: headers
    assert_response :ok
    assert_equal([row.id], json["items"].map { |item| item["id"] })
    assert_operator json["total"], :>=, 1
  end

  test "creates a cart" do
    _, headers = sign_in("customer")
    send_json :post, "/carts", {}, headers: headers
    assert_response :created
    assert json["id"].positive?
  end

  test "rejects unknown keys and malformed JSON" do
    _, headers = sign_in("customer")
    send_json :post, "/carts", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
    post "/carts", params: "{not json", headers: headers.merge("Content-Type" => "application/json")
    assert_response :bad_request
  end

  test "reads a cart" do
    user, headers = sign_in("customer")
    row = create_cart(customer: user)
    get "/carts/#{row.id}", headers: headers
    assert_response :ok
    assert_equal row.id, json["id"]
    get "/carts/0", headers: headers
    assert_response :not_found
    get "/carts/abc", headers: headers
    assert_response :not_found
  end

  test "updates a cart" do
    user, headers = sign_in("customer")
    row = create_cart(customer: user)
    body = {}
    send_json :patch, "/carts/#{row.id}", body, headers: headers
    assert_response :ok
    send_json :patch, "/carts/#{row.id}", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
  end

  test "deletes a cart" do
    user, headers = sign_in("admin")
    row = create_cart(customer: user)
    delete "/carts/#{row.id}", headers: headers
    assert_response :no_content
    get "/carts/#{row.id}", headers: headers
    assert_response :not_found
    assert_not Cart.exists?(row.id)
  end

  test "answers 401 without a token" do
    row = create_cart
    assert row
    get "/carts"
    assert_response :unauthorized
    get "/carts", headers: { "Authorization" => "Bearer not-a-token" }
    assert_response :unauthorized
  end

  test "answers 403 to a role without access" do
    _, headers = sign_in("staff")
    row = create_cart
    delete "/carts/#{row.id}", headers: headers
    assert_response :forbidden
  end

  test "hides other users' rows" do
    owner, = sign_in("admin")
    row = create_cart(customer: owner)
    _, headers = sign_in("admin")
    get "/carts/#{row.id}", headers: headers
    assert_response :not_found
    get "/carts", headers: headers
    assert_not_includes(json["items"].map { |item| item["id"] }, row.id)
  end

  test "runs the checkout action" do
    user, headers = sign_in("customer")
    row = create_cart(customer: user)
    post "/carts/#{row.id}/checkout", headers: headers.merge("Idempotency-Key" => "key-1")
    assert_response :ok
    post "/carts/#{row.id}/checkout", headers: headers.merge("Idempotency-Key" => "key-1")
    assert_response :ok
  end

  private

  def get_value(row, key)
    RowPresenter.new(CartContract.read, nil).call(row).fetch(key) { row.public_send(key) }
  end
end
