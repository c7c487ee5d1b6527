# frozen_string_literal: true

require "test_helper"

# /categories: CRUD, validation, access, lists and actions.
class CategoriesTest < ActionDispatch::IntegrationTest
  test "lists categories in a page envelope" do
    _, headers = sign_in("customer")
    get "/categories", headers: headers
    assert_response :ok
    assert_kind_of Array, json["items"]
    assert_equal 1, json["page"]
    assert json.key?("total")
  end

  test "rejects a page size above the maximum" do
    _, headers = sign_in("customer")
    get "/categories", params: { size: 101 }, headers: headers
    assert_response :unprocessable_entity
    assert_equal "size", json["errors"].first["field"]
  end

  test "pages through categories" do
    _, headers = sign_in("customer")
    row = create_category
    create_category
    get "/categories", params: { size: 1 }, headers: headers
    assert_response :ok
    assert_equal([row.id], json["items"].map { |item| item["id"] })
    assert_operator json["total"], :>=, 1
  end

  test "creates a category" do
    _, headers = sign_in("admin")
    send_json :post, "/categories", { "name" => "name-1", "slug" => "slug-1" }, headers: headers
    assert_response :created
    assert json["id"].positive?
  end

  test "rejects an invalid name (max_length)" do
    _, headers = sign_in("admin")
    body = { "name" => "name-1", "slug" => "slug-1" }.merge("name" => "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
    send_json :post, "/categories", body, headers: headers
    assert_response :unprocessable_entity
    assert_includes(json["errors"].map { |error| error["field"] }, "name")
  end

  test "rejects unknown keys and malformed JSON" do
    _, headers = sign_in("admin")
    send_json :post, "/categories", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
    post "/categories", params: "{not json", headers: headers.merge("Content-Type" => "application/json")
    assert_response :bad_request
  end

  test "answers 409 when slug is taken" do
    _, headers = sign_in("admin")
    body = { "name" => "name-1", "slug" => "slug-1" }.merge("slug" => "slug-1")
    send_json :post, "/categories", body, headers: headers
    assert_response :created
    body = { "name" => "name-1", "slug" => "slug-1" }.merge("slug" => "slug-1")
    send_json :post, "/categories", body, headers: headers
    assert_response :conflict
  end

  test "reads a category" do
    _, headers = sign_in("customer")
    row = create_category
    get "/categories/#{row.id}", headers: headers
    assert_response :ok
    assert_equal row.id, json["id"]
    get "/categories/0", headers: headers
    assert_response :not_found
    get "/categories/abc", headers: headers
    assert_response :not_found
  end

  test "updates a category" do
    _, headers = sign_in("admin")
    row = create_category
    body = { "name" => "name-7" }
    send_json :patch, "/categories/#{row.id}", body, headers: headers
    assert_response :ok
    send_json :patch, "/categories/#{row.id}", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
  end

  test "deletes a category" do
    _, headers = sign_in("admin")
    row = create_category
    delete "/categories/#{row.id}", headers: headers
    assert_response :no_content
    get "/categories/#{row.id}", headers: headers
    assert_response :not_found
    assert_not Category.exists?(row.id)
  end

  test "answers 401 without a token" do
    row = create_category
    patch "/categories/#{row.id}"
    assert_response :unauthorized
    get "/categories", headers: { "Authorization" => "Bearer not-a-token" }
    assert_response :unauthorized
  end

  test "answers 403 to a role without access" do
    _, headers = sign_in("customer")
    row = create_category
    patch "/categories/#{row.id}", headers: headers
    assert_response :forbidden
  end

  test "filters, searches and sorts" do
    _, headers = sign_in("customer")
    row = create_category
    get "/categories", params: { q: row.name.upcase }, headers: headers
    assert_response :ok
    assert_includes(json["items"].map { |item| item["id"] }, row.id)
    get "/categories", params: { q: "zz-no-such-text-zz" }, headers: headers
    assert_response :ok
    assert_empty json["items"]
    get "/categories", params: { sort: "position" }, headers: headers
    assert_response :ok
    get "/categories", params: { sort: "-position" }, headers: headers
    assert_response :ok
    get "/categories", params: { sort: "name" }, headers: headers
    assert_response :ok
    get "/categories", params: { sort: "-name" }, headers: headers
    assert_response :ok
    get "/categories", params: { sort: "not-a-key" }, headers: headers
    assert_response :unprocessable_entity
  end

  private

  def get_value(row, key)
    RowPresenter.new(CategoryContract.read, nil).call(row).fetch(key) { row.public_send(key) }
  end
end
