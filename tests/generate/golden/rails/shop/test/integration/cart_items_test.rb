# frozen_string_literal: true

require "test_helper"

# /cart-items: CRUD, validation, access, lists and actions.
class CartItemsTest < ActionDispatch::IntegrationTest
  test "lists cart_items in a page envelope" do
    _, headers = sign_in("customer")
    get "/cart-items", headers: headers
    assert_response :ok
    assert_kind_of Array, json["items"]
    assert_equal 1, json["page"]
    assert json.key?("total")
  end

  test "rejects a page size above the maximum" do
    _, headers = sign_in("customer")
    get "/cart-items", params: { size: 101 }, headers: headers
    assert_response :unprocessable_entity
    assert_equal "size", json["errors"].first["field"]
  end

  test "pages through cart_items" do
    user, headers = sign_in("customer")
    row = create_cart_item(customer: user)
    create_cart_item(customer: user)
    get "/cart-items", params: { size: 1 }, headers: headers
    assert_response :ok
    assert_equal([row.id], json["items"].map { |item| item["id"] })
    assert_operator json["total"], :>=, 1
  end

  test "creates a cart item" do
    _, headers = sign_in("customer")
    send_json :post, "/cart-items", { "cart_id" => create_cart.id, "product_id" => create_product.id }, headers: headers
    assert_response :created
    assert json["id"].positive?
  end

  test "rejects an invalid quantity (minimum)" do
    _, headers = sign_in("customer")
    body = { "cart_id" => create_cart.id, "product_id" => create_product.id }.merge("quantity" => 0)
    send_json :post, "/cart-items", body, headers: headers
    assert_response :unprocessable_entity
    assert_includes(json["errors"].map { |error| error["field"] }, "quantity")
  end

  test "rejects a cart_id that names no row" do
    _, headers = sign_in("customer")
    body = { "cart_id" => create_cart.id, "product_id" => create_product.id }.merge("cart_id" => 999_999)
    send_json :post, "/cart-items", body, headers: headers
    assert_response :unprocessable_entity
    assert_includes(json["errors"].map { |error| error["field"] }, "cart_id")
  end

  test "rejects unknown keys and malformed JSON" do
    _, headers = sign_in("customer")
    send_json :post, "/cart-items", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
    post "/cart-items", params: "{not json", headers: headers.merge("Content-Type" => "application/json")
    assert_response :bad_request
  end

  test "reads a cart item" do
    user, headers = sign_in("customer")
    row = create_cart_item(customer: user)
    get "/cart-items/#{row.id}", headers: headers
    assert_response :ok
    assert_equal row.id, json["id"]
    get "/cart-items/0", headers: headers
    assert_response :not_found
    get "/cart-items/abc", headers: headers
    assert_response :not_found
  end

  test "updates a cart item" do
    user, headers = sign_in("customer")
    row = create_cart_item(customer: user)
    body = { "quantity" => 8 }
    send_json :patch, "/cart-items/#{row.id}", body, headers: headers
    assert_response :ok
    send_json :patch, "/cart-items/#{row.id}", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
  end

  test "deletes a cart item" do
    user, headers = sign_in("customer")
    row = create_cart_item(customer: user)
    delete "/cart-items/#{row.id}", headers: headers
    assert_response :no_content
    get "/cart-items/#{row.id}", headers: headers
    assert_response :not_found
    assert_not CartItem.exists?(row.id)
  end

  test "answers 401 without a token" do
    row = create_cart_item
    assert row
    get "/cart-items"
    assert_response :unauthorized
    get "/cart-items", headers: { "Authorization" => "Bearer not-a-token" }
    assert_response :unauthorized
  end

  test "answers 403 to a role without access" do
    _, headers = sign_in("admin")
    send_json :post, "/cart-items", {}, headers: headers
    assert_response :forbidden
  end

  test "hides other users' rows" do
    owner, = sign_in("admin")
    row = create_cart_item(customer: owner)
    _, headers = sign_in("admin")
    get "/cart-items/#{row.id}", headers: headers
    assert_response :not_found
    get "/cart-items", headers: headers
    assert_not_includes(json["items"].map { |item| item["id"] }, row.id)
  end

  private

  def get_value(row, key)
    RowPresenter.new(CartItemContract.read, nil).call(row).fetch(key) { row.public_send(key) }
  end
end
