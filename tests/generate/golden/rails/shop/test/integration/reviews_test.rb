# frozen_string_literal: true

require "test_helper"

# /reviews: CRUD, validation, access, lists and actions.
class ReviewsTest < ActionDispatch::IntegrationTest
  test "lists reviews in a page envelope" do
    _, headers = sign_in("customer")
    get "/reviews", headers: headers
    assert_response :ok
    assert_kind_of Array, json["items"]
    assert_equal 1, json["page"]
    assert json.key?("total")
  end

  test "rejects a page size above the maximum" do
    _, headers = sign_in("customer")
    get "/reviews", params: { size: 51 }, headers: headers
    assert_response :unprocessable_entity
    assert_equal "size", json["errors"].first["field"]
  end

  test "pages through reviews" do
    user, headers = sign_in("customer")
    row = create_review(author: user)
    create_review(author: user)
    get "/reviews", params: { size: 1 }, headers: headers
    assert_response :ok
    assert_equal([row.id], json["items"].map { |item| item["id"] })
    assert_operator json["total"], :>=, 1
  end

  test "creates a review" do
    _, headers = sign_in("customer")
    send_json :post, "/reviews", { "product_id" => create_product.id, "rating" => 2 }, headers: headers
    assert_response :created
    assert json["id"].positive?
  end

  test "rejects an invalid rating (minimum)" do
    _, headers = sign_in("customer")
    body = { "product_id" => create_product.id, "rating" => 2 }.merge("rating" => 0)
    send_json :post, "/reviews", body, headers: headers
    assert_response :unprocessable_entity
    assert_includes(json["errors"].map { |error| error["field"] }, "rating")
  end

  test "rejects a product_id that names no row" do
    _, headers = sign_in("customer")
    body = { "product_id" => create_product.id, "rating" => 2 }.merge("product_id" => 999_999)
    send_json :post, "/reviews", body, headers: headers
    assert_response :unprocessable_entity
    assert_includes(json["errors"].map { |error| error["field"] }, "product_id")
  end

  test "rejects unknown keys and malformed JSON" do
    _, headers = sign_in("customer")
    send_json :post, "/reviews", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
    post "/reviews", params: "{not json", headers: headers.merge("Content-Type" => "application/json")
    assert_response :bad_request
  end

  test "reads a review" do
    user, headers = sign_in("customer")
    row = create_review(author: user)
    get "/reviews/#{row.id}", headers: headers
    assert_response :ok
    assert_equal row.id, json["id"]
    get "/reviews/0", headers: headers
    assert_response :not_found
    get "/reviews/abc", headers: headers
    assert_response :not_found
  end

  test "updates a review" do
    user, headers = sign_in("admin")
    row = create_review(author: user)
    body = { "rating" => 3 }
    send_json :patch, "/reviews/#{row.id}", body, headers: headers
    assert_response :ok
    send_json :patch, "/reviews/#{row.id}", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
  end

  test "deletes a review" do
    user, headers = sign_in("admin")
    row = create_review(author: user)
    delete "/reviews/#{row.id}", headers: headers
    assert_response :no_content
    get "/reviews/#{row.id}", headers: headers
    assert_response :not_found
    assert_not_nil Review.find(row.id).deleted_at
  end

  test "answers 401 without a token" do
    row = create_review
    patch "/reviews/#{row.id}"
    assert_response :unauthorized
    get "/reviews", headers: { "Authorization" => "Bearer not-a-token" }
    assert_response :unauthorized
  end

  test "answers 403 to a role without access" do
    _, headers = sign_in("admin")
    send_json :post, "/reviews", {}, headers: headers
    assert_response :forbidden
  end

  test "filters, searches and sorts" do
    user, headers = sign_in("customer")
    row = create_review(author: user)
    value = get_value(row, "product_id")
    get "/reviews", params: { "product_id" => value.to_s }, headers: headers
    assert_response :ok
    assert_includes(json["items"].map { |item| item["id"] }, row.id)
    value = get_value(row, "rating")
    get "/reviews", params: { "rating" => value.to_s }, headers: headers
    assert_response :ok
    assert_includes(json["items"].map { |item| item["id"] }, row.id)
    value = get_value(row, "verified")
    get "/reviews", params: { "verified" => value.to_s }, headers: headers
    assert_response :ok
    assert_includes(json["items"].map { |item| item["id"] }, row.id)
    get "/reviews", params: { q: "zz-no-such-text-zz" }, headers: headers
    assert_response :ok
    assert_empty json["items"]
    get "/reviews", params: { sort: "rating" }, headers: headers
    assert_response :ok
    get "/reviews", params: { sort: "-rating" }, headers: headers
    assert_response :ok
    get "/reviews", params: { sort: "not-a-key" }, headers: headers
    assert_response :unprocessable_entity
  end

  private

  def get_value(row, key)
    RowPresenter.new(ReviewContract.read, nil).call(row).fetch(key) { row.public_send(key) }
  end
end
