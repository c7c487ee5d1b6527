# frozen_string_literal: true

require "test_helper"

# /orders: CRUD, validation, access, lists and actions.
class OrdersTest < ActionDispatch::IntegrationTest
  test "lists orders in a page envelope" do
    _, headers = sign_in("staff")
    get "/orders", headers: headers
    assert_response :ok
    assert_kind_of Array, json["items"]
    assert json.key?("next_cursor")
  end

  test "rejects a page size above the maximum" do
    _, headers = sign_in("staff")
    get "/orders", params: { size: 101 }, headers: headers
    assert_response :unprocessable_entity
    assert_equal "size", json["errors"].first["field"]
  end

  test "pages through orders" do
    user, headers = sign_in("staff")
    row = create_order(customer: user)
    create_order(customer: user)
    get "/orders", params: { size: 1 }, headers: headers
    assert_response :ok
    assert_equal([row.id], json["items"].map { |item| item["id"] })
    get "/orders", params: { size: 1, cursor: json["next_cursor"] }, headers: headers
    assert_response :ok
    assert_equal 1, json["items"].length
    get "/orders", params: { cursor: "not-a-cursor" }, headers: headers
    assert_response :unprocessable_entity
  end

  test "creates an order" do
    _, headers = sign_in("customer")
    send_json :post, "/orders", { "ship_to_name" => "shiptona-1", "ship_to_address" => "shiptoad-1" }, headers: headers
    assert_response :created
    assert json["id"].positive?
  end

  test "rejects an invalid currency (choice)" do
    _, headers = sign_in("customer")
    body = { "ship_to_name" => "shiptona-1", "ship_to_address" => "shiptoad-1" }.merge("currency" => "not-a-choice")
    send_json :post, "/orders", body, headers: headers
    assert_response :unprocessable_entity
    assert_includes(json["errors"].map { |error| error["field"] }, "currency")
  end

  test "rejects unknown keys and malformed JSON" do
    _, headers = sign_in("customer")
    send_json :post, "/orders", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
    post "/orders", params: "{not json", headers: headers.merge("Content-Type" => "application/json")
    assert_response :bad_request
  end

  test "reads an order" do
    user, headers = sign_in("staff")
    row = create_order(customer: user)
    get "/orders/#{row.id}", headers: headers
    assert_response :ok
    assert_equal row.id, json["id"]
    get "/orders/0", headers: headers
    assert_response :not_found
    get "/orders/abc", headers: headers
    assert_response :not_found
  end

  test "updates an order" do
    user, headers = sign_in("staff")
    row = create_order(customer: user)
    body = { "ship_to_name" => "shiptona-7" }.merge("version" => row.lock_version)
    send_json :patch, "/orders/#{row.id}", body, headers: headers
    assert_response :ok
    assert_equal row.lock_version + 1, json["version"]
    send_json :patch, "/orders/#{row.id}", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
  end

  test "answers 409 on a stale version" do
    user, headers = sign_in("staff")
    row = create_order(customer: user)
    send_json :patch, "/orders/#{row.id}", { "version" => row.lock_version + 5 }, headers: headers
    assert_response :conflict
  end

  test "answers the next version for an update that changes nothing" do
    user, headers = sign_in("staff")
    row = create_order(customer: user)
    version = row.lock_version
    send_json :patch, "/orders/#{row.id}", { "version" => version }, headers: headers
    assert_response :ok
    assert_equal version + 1, json["version"]
    body = { "ship_to_name" => "shiptona-7" }
    send_json :patch, "/orders/#{row.id}", body.merge("version" => version + 1), headers: headers
    assert_response :ok
    assert_equal version + 2, json["version"]
    send_json :patch, "/orders/#{row.id}", body.merge("version" => version + 2), headers: headers
    assert_response :ok
    assert_equal version + 3, json["version"]
    assert_equal json["version"], row.reload.lock_version
  end

  test "deletes an order" do
    user, headers = sign_in("admin")
    row = create_order(customer: user)
    delete "/orders/#{row.id}", headers: headers
    assert_response :no_content
    get "/orders/#{row.id}", headers: headers
    assert_response :not_found
    assert_not Order.exists?(row.id)
  end

  test "answers 401 without a token" do
    row = create_order
    assert row
    get "/orders"
    assert_response :unauthorized
    get "/orders", headers: { "Authorization" => "Bearer not-a-token" }
    assert_response :unauthorized
  end

  test "answers 403 to a role without access" do
    _, headers = sign_in("customer")
    row = create_order
    patch "/orders/#{row.id}", headers: headers
    assert_response :forbidden
  end

  test "hides other users' rows" do
    owner, = sign_in("customer")
    row = create_order(customer: owner)
    _, headers = sign_in("customer")
    get "/orders/#{row.id}", headers: headers
    assert_response :not_found
    get "/orders", headers: headers
    assert_not_includes(json["items"].map { |item| item["id"] }, row.id)
  end

  test "filters, searches and sorts" do
    user, headers = sign_in("staff")
    row = create_order(customer: user)
    value = get_value(row, "status")
    get "/orders", params: { "status" => value.to_s }, headers: headers
    assert_response :ok
    assert_includes(json["items"].map { |item| item["id"] }, row.id)
    value = get_value(row, "customer_id")
    get "/orders", params: { "customer_id" => value.to_s }, headers: headers
    assert_response :ok
    assert_includes(json["items"].map { |item| item["id"] }, row.id)
    value = get_value(row, "placed_at")
    get "/orders", params: { "placed_at" => value.to_s }, headers: headers
    assert_response :ok
    assert_includes(json["items"].map { |item| item["id"] }, row.id)
    get "/orders", params: { q: "zz-no-such-text-zz" }, headers: headers
    assert_response :ok
    assert_empty json["items"]
    get "/orders", params: { sort: "placed_at" }, headers: headers
    assert_response :ok
    get "/orders", params: { sort: "-placed_at" }, headers: headers
    assert_response :ok
    get "/orders", params: { sort: "total" }, headers: headers
    assert_response :ok
    get "/orders", params: { sort: "-total" }, headers: headers
    assert_response :ok
    get "/orders", params: { sort: "not-a-key" }, headers: headers
    assert_response :unprocessable_entity
  end

  test "runs the cancel action" do
    user, headers = sign_in("staff")
    row = create_order(customer: user)
    post "/orders/#{row.id}/cancel", headers: headers.merge("Idempotency-Key" => "key-1")
    assert_response :ok
    post "/orders/#{row.id}/cancel", headers: headers.merge("Idempotency-Key" => "key-1")
    assert_response :ok
  end

  test "runs the ship action" do
    user, headers = sign_in("staff")
    row = create_order(customer: user)
    post "/orders/#{row.id}/ship", headers: headers.merge("Idempotency-Key" => "key-1")
    assert_response :ok
    post "/orders/#{row.id}/ship", headers: headers.merge("Idempotency-Key" => "key-1")
    assert_response :ok
  end

  test "runs the refund action" do
    user, headers = sign_in("admin")
    row = create_order(customer: user)
    post "/orders/#{row.id}/refund", headers: headers.merge("Idempotency-Key" => "key-1")
    assert_response :ok
    post "/orders/#{row.id}/refund", headers: headers.merge("Idempotency-Key" => "key-1")
    assert_response :ok
  end

  private

  def get_value(row, key)
    RowPresenter.new(OrderContract.read, nil).call(row).fetch(key) { row.public_send(key) }
  end
end
