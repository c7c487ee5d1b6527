# frozen_string_literal: true

require "test_helper"

# /payments: CRUD, validation, access, lists and actions.
class PaymentsTest < ActionDispatch::IntegrationTest
  test "lists payments in a page envelope" do
    _, headers = sign_in("admin")
    get "/payments", headers: headers
    assert_response :ok
    assert_kind_of Array, json["items"]
    assert_equal 1, json["page"]
    assert json.key?("total")
  end

  test "rejects a page size above the maximum" do
    _, headers = sign_in("admin")
    get "/payments", params: { size: 101 }, headers: headers
    assert_response :unprocessable_entity
    assert_equal "size", json["errors"].first["field"]
  end

  test "pages through payments" do
    user, headers = sign_in("admin")
    row = create_payment(customer: user)
    create_payment(customer: user)
    get "/payments", params: { size: 1 }, headers: headers
    assert_response :ok
    assert_equal([row.id], json["items"].map { |item| item["id"] })
    assert_operator json["total"], :>=, 1
  end

  test "creates a payment" do
    _, headers = sign_in("customer")
    send_json :post, "/payments", { "paid_order_id" => create_order.id, "amount" => "1", "currency" => "usd" }, headers: headers
    assert_response :created
    assert json["id"].positive?
  end

  test "rejects an invalid amount (minimum)" do
    _, headers = sign_in("customer")
    body = { "paid_order_id" => create_order.id, "amount" => "1", "currency" => "usd" }.merge("amount" => "-1")
    send_json :post, "/payments", body, headers: headers
    assert_response :unprocessable_entity
    assert_includes(json["errors"].map { |error| error["field"] }, "amount")
  end

  test "rejects a paid_order_id that names no row" do
    _, headers = sign_in("customer")
    body = { "paid_order_id" => create_order.id, "amount" => "1", "currency" => "usd" }.merge("paid_order_id" => 999_999)
    send_json :post, "/payments", body, headers: headers
    assert_response :unprocessable_entity
    assert_includes(json["errors"].map { |error| error["field"] }, "paid_order_id")
  end

  test "rejects unknown keys and malformed JSON" do
    _, headers = sign_in("customer")
    send_json :post, "/payments", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
    post "/payments", params: "{not json", headers: headers.merge("Content-Type" => "application/json")
    assert_response :bad_request
  end

  test "reads a payment" do
    user, headers = sign_in("admin")
    row = create_payment(customer: user)
    get "/payments/#{row.id}", headers: headers
    assert_response :ok
    assert_equal row.id, json["id"]
    get "/payments/0", headers: headers
    assert_response :not_found
    get "/payments/abc", headers: headers
    assert_response :not_found
  end

  test "updates a payment" do
    user, headers = sign_in("admin")
    row = create_payment(customer: user)
    body = {}
    send_json :patch, "/payments/#{row.id}", body, headers: headers
    assert_response :ok
    send_json :patch, "/payments/#{row.id}", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
  end

  test "deletes a payment" do
    user, headers = sign_in("admin")
    row = create_payment(customer: user)
    delete "/payments/#{row.id}", headers: headers
    assert_response :no_content
    get "/payments/#{row.id}", headers: headers
    assert_response :not_found
    assert_not Payment.exists?(row.id)
  end

  test "answers 401 without a token" do
    row = create_payment
    assert row
    get "/payments"
    assert_response :unauthorized
    get "/payments", headers: { "Authorization" => "Bearer not-a-token" }
    assert_response :unauthorized
  end

  test "answers 403 to a role without access" do
    _, headers = sign_in("staff")
    get "/payments", headers: headers
    assert_response :forbidden
  end

  test "hides other users' rows" do
    owner, = sign_in("staff")
    row = create_payment(customer: owner)
    _, headers = sign_in("staff")
    get "/payments/#{row.id}", headers: headers
    assert_response :not_found
  end

  test "filters, searches and sorts" do
    user, headers = sign_in("admin")
    row = create_payment(customer: user)
    value = get_value(row, "status")
    get "/payments", params: { "status" => value.to_s }, headers: headers
    assert_response :ok
    assert_includes(json["items"].map { |item| item["id"] }, row.id)
    value = get_value(row, "currency")
    get "/payments", params: { "currency" => value.to_s }, headers: headers
    assert_response :ok
    assert_includes(json["items"].map { |item| item["id"] }, row.id)
    get "/payments", params: { sort: "amount" }, headers: headers
    assert_response :ok
    get "/payments", params: { sort: "-amount" }, headers: headers
    assert_response :ok
    get "/payments", params: { sort: "not-a-key" }, headers: headers
    assert_response :unprocessable_entity
  end

  test "runs the capture action" do
    user, headers = sign_in("admin")
    row = create_payment(customer: user)
    post "/payments/#{row.id}/capture", headers: headers.merge("Idempotency-Key" => "key-1")
    assert_response :ok
    post "/payments/#{row.id}/capture", headers: headers.merge("Idempotency-Key" => "key-1")
    assert_response :ok
  end

  private

  def get_value(row, key)
    RowPresenter.new(PaymentContract.read, nil).call(row).fetch(key) { row.public_send(key) }
  end
end
