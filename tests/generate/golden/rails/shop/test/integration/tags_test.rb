# frozen_string_literal: true

require "test_helper"

# /tags: CRUD, validation, access, lists and actions.
class TagsTest < ActionDispatch::IntegrationTest
  test "lists tags in a page envelope" do
    _, headers = sign_in("customer")
    get "/tags", headers: headers
    assert_response :ok
    assert_kind_of Array, json["items"]
    assert_equal 1, json["page"]
    assert json.key?("total")
  end

  test "rejects a page size above the maximum" do
    _, headers = sign_in("customer")
    get "/tags", params: { size: 101 }, headers: headers
    assert_response :unprocessable_entity
    assert_equal "size", json["errors"].first["field"]
  end

  test "pages through tags" do
    _, headers = sign_in("customer")
    row = create_tag
    create_tag
    get "/tags", params: { size: 1 }, headers: headers
    assert_response :ok
    assert_equal([row.id], json["items"].map { |item| item["id"] })
    assert_operator json["total"], :>=, 1
  end

  test "creates a tag" do
    _, headers = sign_in("admin")
    send_json :post, "/tags", { "label" => "label-1" }, headers: headers
    assert_response :created
    assert json["id"].positive?
  end

  test "rejects an invalid label (max_length)" do
    _, headers = sign_in("admin")
    body = { "label" => "label-1" }.merge("label" => "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
    send_json :post, "/tags", body, headers: headers
    assert_response :unprocessable_entity
    assert_includes(json["errors"].map { |error| error["field"] }, "label")
  end

  test "rejects unknown keys and malformed JSON" do
    _, headers = sign_in("admin")
    send_json :post, "/tags", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
    post "/tags", params: "{not json", headers: headers.merge("Content-Type" => "application/json")
    assert_response :bad_request
  end

  test "answers 409 when label is taken" do
    _, headers = sign_in("admin")
    body = { "label" => "label-1" }.merge("label" => "label-1")
    send_json :post, "/tags", body, headers: headers
    assert_response :created
    body = { "label" => "label-1" }.merge("label" => "label-1")
    send_json :post, "/tags", body, headers: headers
    assert_response :conflict
  end

  test "reads a tag" do
    _, headers = sign_in("customer")
    row = create_tag
    get "/tags/#{row.id}", headers: headers
    assert_response :ok
    assert_equal row.id, json["id"]
    get "/tags/0", headers: headers
    assert_response :not_found
    get "/tags/abc", headers: headers
    assert_response :not_found
  end

  test "updates a tag" do
    _, headers = sign_in("admin")
    row = create_tag
    body = {}
    send_json :patch, "/tags/#{row.id}", body, headers: headers
    assert_response :ok
    send_json :patch, "/tags/#{row.id}", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
  end

  test "leaves products as they were when an update fails" do
    _, headers = sign_in("admin")
    row = create_tag
    create_tag(label: "label-1")
    body = { "products_ids" => [create_product.id], "label" => "label-1" }
    send_json :patch, "/tags/#{row.id}", body, headers: headers
    assert_response :conflict
    assert_empty row.reload.products
  end

  test "deletes a tag" do
    _, headers = sign_in("admin")
    row = create_tag
    delete "/tags/#{row.id}", headers: headers
    assert_response :no_content
    get "/tags/#{row.id}", headers: headers
    assert_response :not_found
    assert_not Tag.exists?(row.id)
  end

  test "answers 401 without a token" do
    row = create_tag
    patch "/tags/#{row.id}"
    assert_response :unauthorized
    get "/tags", headers: { "Authorization" => "Bearer not-a-token" }
    assert_response :unauthorized
  end

  test "answers 403 to a role without access" do
    _, headers = sign_in("customer")
    row = create_tag
    patch "/tags/#{row.id}", headers: headers
    assert_response :forbidden
  end

  test "filters, searches and sorts" do
    _, headers = sign_in("customer")
    row = create_tag
    get "/tags", params: { q: row.label.upcase }, headers: headers
    assert_response :ok
    assert_includes(json["items"].map { |item| item["id"] }, row.id)
    get "/tags", params: { q: "zz-no-such-text-zz" }, headers: headers
    assert_response :ok
    assert_empty json["items"]
  end

  private

  def get_value(row, key)
    RowPresenter.new(TagContract.read, nil).call(row).fetch(key) { row.public_send(key) }
  end
end
