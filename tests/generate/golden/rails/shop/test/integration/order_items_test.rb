# frozen_string_literal: true

require "test_helper"

# /order-items: CRUD, validation, access, lists and actions.
class OrderItemsTest < ActionDispatch::IntegrationTest
  test "lists order_items in a page envelope" do
    _, headers = sign_in("staff")
    get "/order-items", headers: headers
    assert_response :ok
    assert_kind_of Array, json["items"]
    assert_equal 1, json["page"]
    assert json.key?("total")
  end

  test "rejects a page size above the maximum" do
    _, headers = sign_in("staff")
    get "/order-items", params: { size: 101 }, headers: headers
    assert_response :unprocessable_entity
    assert_equal "size", json["errors"].first["field"]
  end

  test "pages through order_items" do
    user, headers = sign_in("staff")
    row = create_order_item(customer: user)
    create_order_item(customer: user)
    get "/order-items", params: { size: 1 }, headers: headers
    assert_response :ok
    assert_equal([row.id], json["items"].map { |item| item["id"] })
    assert_operator json["total"], :>=, 1
  end

  test "creates an order item" do
    _, headers = sign_in("admin")
    send_json :post, "/order-items", { "parent_order_id" => create_order.id, "product_id" => create_product.id, "quantity" => 2 }, headers: headers
    assert_response :created
    assert json["id"].positive?
  end

  test "rejects an invalid quantity (minimum)" do
    _, headers = sign_in("admin")
    body = { "parent_order_id" => create_order.id, "product_id" => create_product.id, "quantity" => 2 }.merge("quantity" => 0)
    send_json :post, "/order-items", body, headers: headers
    assert_response :unprocessable_entity
    assert_includes(json["errors"].map { |error| error["field"] }, "quantity")
  end

  test "rejects a parent_order_id that names no row" do
    _, headers = sign_in("admin")
    body = { "parent_order_id" => create_order.id, "product_id" => create_product.id, "quantity" => 2 }.merge("parent_order_id" => 999_999)
    send_json :post, "/order-items", body, headers: headers
    assert_response :unprocessable_entity
    assert_includes(json["errors"].map { |error| error["field"] }, "parent_order_id")
  end

  test "rejects unknown keys and malformed JSON" do
    _, headers = sign_in("admin")
    send_json :post, "/order-items", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
    post "/order-items", params: "{not json", headers: headers.merge("Content-Type" => "application/json")
    assert_response :bad_request
  end

  test "reads an order item" do
    user, headers = sign_in("staff")
    row = create_order_item(customer: user)
    get "/order-items/#{row.id}", headers: headers
    assert_response :ok
    assert_equal row.id, json["id"]
    get "/order-items/0", headers: headers
    assert_response :not_found
    get "/order-items/abc", headers: headers
    assert_response :not_found
  end

  test "updates an order item" do
    user, headers = sign_in("admin")
    row = create_order_item(customer: user)
    body = { "quantity" => 8 }
    send_json :patch, "/order-items/#{row.id}", body, headers: headers
    assert_response :ok
    send_json :patch, "/order-items/#{row.id}", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
  end

  test "deletes an order item" do
    user, headers = sign_in("admin")
    row = create_order_item(customer: user)
    delete "/order-items/#{row.id}", headers: headers
    assert_response :no_content
    get "/order-items/#{row.id}", headers: headers
    assert_response :not_found
    assert_not OrderItem.exists?(row.id)
  end

  test "answers 401 without a token" do
    row = create_order_item
    assert row
    get "/order-items"
    assert_response :unauthorized
    get "/order-items", headers: { "Authorization" => "Bearer not-a-token" }
    assert_response :unauthorized
  end

  test "answers 403 to a role without access" do
    _, headers = sign_in("staff")
    row = create_order_item
    patch "/order-items/#{row.id}", headers: headers
    assert_response :forbidden
  end

  test "hides other users' rows" do
    owner, = sign_in("customer")
    row = create_order_item(customer: owner)
    _, headers = sign_in("customer")
    get "/order-items/#{row.id}", headers: headers
    assert_response :not_found
    get "/order-items", headers: headers
    assert_not_includes(json["items"].map { |item| item["id"] }, row.id)
  end

  private

  def get_value(row, key)
    RowPresenter.new(OrderItemContract.read, nil).call(row).fetch(key) { row.public_send(key) }
  end
end
