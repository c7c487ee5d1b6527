# frozen_string_literal: true

require "test_helper"

# /products: CRUD, validation, access, lists and actions.
class ProductsTest < ActionDispatch::IntegrationTest
  test "lists products in a page envelope" do
    _, headers = sign_in("customer")
    get "/products", headers: headers
    assert_response :ok
    assert_kind_of Array, json["items"]
    assert json.key?("next_cursor")
  end

  test "rejects a page size above the maximum" do
    _, headers = sign_in("customer")
    get "/products", params: { size: 97 }, headers: headers
    assert_response :unprocessable_entity
    assert_equal "size", json["errors"].first["field"]
  end

  test "pages through products" do
    _, headers = sign_in("customer")
    row = create_product
    create_product
    get "/products", params: { size: 1 }, headers: headers
    assert_response :ok
    assert_equal([row.id], json["items"].map { |item| item["id"] })
    get "/products", params: { size: 1, cursor: json["next_cursor"] }, headers: headers
    assert_response :ok
    assert_equal 1, json["items"].length
    get "/products", params: { cursor: "not-a-cursor" }, headers: headers
    assert_response :unprocessable_entity
  end

  test "creates a product" do
    _, headers = sign_in("admin")
    send_json :post, "/products", { "name" => "name-1", "sku" => "SAMPLE-0001", "price" => "1", "category_id" => create_category.id }, headers: headers
    assert_response :created
    assert json["id"].positive?
  end

  test "rejects an invalid name (max_length)" do
    _, headers = sign_in("admin")
    body = { "name" => "name-1", "sku" => "SAMPLE-0001", "price" => "1", "category_id" => create_category.id }.merge("name" => "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
    send_json :post, "/products", body, headers: headers
    assert_response :unprocessable_entity
    assert_includes(json["errors"].map { |error| error["field"] }, "name")
  end

  test "rejects a category_id that names no row" do
    _, headers = sign_in("admin")
    body = { "name" => "name-1", "sku" => "SAMPLE-0001", "price" => "1", "category_id" => create_category.id }.merge("category_id" => 999_999)
    send_json :post, "/products", body, headers: headers
    assert_response :unprocessable_entity
    assert_includes(json["errors"].map { |error| error["field"] }, "category_id")
  end

  test "rejects unknown keys and malformed JSON" do
    _, headers = sign_in("admin")
    send_json :post, "/products", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
    post "/products", params: "{not json", headers: headers.merge("Content-Type" => "application/json")
    assert_response :bad_request
  end

  test "answers 409 when sku is taken" do
    _, headers = sign_in("admin")
    body = { "name" => "name-1", "sku" => "SAMPLE-0001", "price" => "1", "category_id" => create_category.id }.merge("sku" => "SAMPLE-0001")
    send_json :post, "/products", body, headers: headers
    assert_response :created
    body = { "name" => "name-1", "sku" => "SAMPLE-0001", "price" => "1", "category_id" => create_category.id }.merge("sku" => "SAMPLE-0001")
    send_json :post, "/products", body, headers: headers
    assert_response :conflict
  end

  test "reads a product" do
    _, headers = sign_in("customer")
    row = create_product
    get "/products/#{row.id}", headers: headers
    assert_response :ok
    assert_equal row.id, json["id"]
    get "/products/0", headers: headers
    assert_response :not_found
    get "/products/abc", headers: headers
    assert_response :not_found
  end

  test "updates a product" do
    _, headers = sign_in("admin")
    row = create_product
    body = { "name" => "name-7" }.merge("version" => row.lock_version)
    send_json :patch, "/products/#{row.id}", body, headers: headers
    assert_response :ok
    assert_equal row.lock_version + 1, json["version"]
    send_json :patch, "/products/#{row.id}", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
  end

  test "leaves tags as they were when an update fails" do
    _, headers = sign_in("admin")
    row = create_product
    create_product(sku: "SAMPLE-0001")
    body = { "tags_ids" => [create_tag.id], "sku" => "SAMPLE-0001" }
    body["version"] = row.lock_version
    send_json :patch, "/products/#{row.id}", body, headers: headers
    assert_response :conflict
    assert_empty row.reload.tags
  end

  test "answers 409 on a stale version" do
    _, headers = sign_in("admin")
    row = create_product
    send_json :patch, "/products/#{row.id}", { "version" => row.lock_version + 5 }, headers: headers
    assert_response :conflict
  end

  test "answers the next version for an update that changes nothing" do
    _, headers = sign_in("admin")
    row = create_product
    version = row.lock_version
    send_json :patch, "/products/#{row.id}", { "version" => version }, headers: headers
    assert_response :ok
    assert_equal version + 1, json["version"]
    body = { "name" => "name-7" }
    send_json :patch, "/products/#{row.id}", body.merge("version" => version + 1), headers: headers
    assert_response :ok
    assert_equal version + 2, json["version"]
    send_json :patch, "/products/#{row.id}", body.merge("version" => version + 2), headers: headers
    assert_response :ok
    assert_equal version + 3, json["version"]
    assert_equal json["version"], row.reload.lock_version
  end

  test "deletes a product" do
    _, headers = sign_in("admin")
    row = create_product
    delete "/products/#{row.id}", headers: headers
    assert_response :no_content
    get "/products/#{row.id}", headers: headers
    assert_response :not_found
    assert_not_nil Product.find(row.id).deleted_at
  end

  test "answers 401 without a token" do
    row = create_product
    patch "/products/#{row.id}"
    assert_response :unauthorized
    get "/products", headers: { "Authorization" => "Bearer not-a-token" }
    assert_response :unauthorized
  end

  test "answers 403 to a role without access" do
    _, headers = sign_in("customer")
    row = create_product
    patch "/products/#{row.id}", headers: headers
    assert_response :forbidden
  end

  test "filters, searches and sorts" do
    _, headers = sign_in("customer")
    row = create_product
    value = get_value(row, "category_id")
    get "/products", params: { "category_id" => value.to_s }, headers: headers
    assert_response :ok
    assert_includes(json["items"].map { |item| item["id"] }, row.id)
    value = get_value(row, "active")
    get "/products", params: { "active" => value.to_s }, headers: headers
    assert_response :ok
    assert_includes(json["items"].map { |item| item["id"] }, row.id)
    value = get_value(row, "price")
    get "/products", params: { "price" => value.to_s }, headers: headers
    assert_response :ok
    assert_includes(json["items"].map { |item| item["id"] }, row.id)
    value = get_value(row, "currency")
    get "/products", params: { "currency" => value.to_s }, headers: headers
    assert_response :ok
    assert_includes(json["items"].map { |item| item["id"] }, row.id)
    get "/products", params: { q: row.name.upcase }, headers: headers
    assert_response :ok
    assert_includes(json["items"].map { |item| item["id"] }, row.id)
    get "/products", params: { q: "zz-no-such-text-zz" }, headers: headers
    assert_response :ok
    assert_empty json["items"]
    get "/products", params: { sort: "price" }, headers: headers
    assert_response :ok
    get "/products", params: { sort: "-price" }, headers: headers
    assert_response :ok
    get "/products", params: { sort: "name" }, headers: headers
    assert_response :ok
    get "/products", params: { sort: "-name" }, headers: headers
    assert_response :ok
    get "/products", params: { sort: "stock" }, headers: headers
    assert_response :ok
    get "/products", params: { sort: "-stock" }, headers: headers
    assert_response :ok
    get "/products", params: { sort: "not-a-key" }, headers: headers
    assert_response :unprocessable_entity
  end

  private

  def get_value(row, key)
    RowPresenter.new(ProductContract.read, nil).call(row).fetch(key) { row.public_send(key) }
  end
end
