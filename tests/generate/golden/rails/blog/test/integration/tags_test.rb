# frozen_string_literal: true

require "test_helper"

# /tags: CRUD, validation, access, lists and actions.
class TagsTest < ActionDispatch::IntegrationTest
  test "lists tags in a page envelope" do
    _, headers = sign_in(nil)
    get "/tags", headers: headers
    assert_response :ok
    assert_kind_of Array, json["items"]
    assert json.key?("next_cursor")
  end

  test "rejects a page size above the maximum" do
    _, headers = sign_in(nil)
    get "/tags", params: { size: 101 }, headers: headers
    assert_response :unprocessable_entity
    assert_equal "size", json["errors"].first["field"]
  end

  test "pages through tags" do
    _, headers = sign_in(nil)
    row = create_tag
    create_tag
    get "/tags", params: { size: 1 }, headers: headers
    assert_response :ok
    assert_equal([row.id], json["items"].map { |item| item["id"] })
    get "/tags", params: { size: 1, cursor: json["next_cursor"] }, headers: headers
    assert_response :ok
    assert_equal 1, json["items"].length
    get "/tags", params: { cursor: "not-a-cursor" }, headers: headers
    assert_response :unprocessable_entity
  end

  test "creates a tag" do
    _, headers = sign_in(nil)
    send_json :post, "/tags", { "name" => "name-1" }, headers: headers
    assert_response :created
    assert json["id"].positive?
  end

  test "rejects an invalid name (max_length)" do
    _, headers = sign_in(nil)
    body = { "name" => "name-1" }.merge("name" => "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
    send_json :post, "/tags", body, headers: headers
    assert_response :unprocessable_entity
    assert_includes(json["errors"].map { |error| error["field"] }, "name")
  end

  test "rejects unknown keys and malformed JSON" do
    _, headers = sign_in(nil)
    send_json :post, "/tags", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
    post "/tags", params: "{not json", headers: headers.merge("Content-Type" => "application/json")
    assert_response :bad_request
  end

  test "reads a tag" do
    _, headers = sign_in(nil)
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
    _, headers = sign_in(nil)
    row = create_tag
    body = { "name" => "name-7" }
    send_json :patch, "/tags/#{row.id}", body, headers: headers
    assert_response :ok
    send_json :patch, "/tags/#{row.id}", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
  end

  test "deletes a tag" do
    _, headers = sign_in(nil)
    row = create_tag
    delete "/tags/#{row.id}", headers: headers
    assert_response :no_content
    get "/tags/#{row.id}", headers: headers
    assert_response :not_found
    assert_not Tag.exists?(row.id)
  end

  test "answers 401 without a token" do
    row = create_tag
    assert row
    get "/tags"
    assert_response :unauthorized
    get "/tags", headers: { "Authorization" => "Bearer not-a-token" }
    assert_response :unauthorized
  end

  private

  def get_value(row, key)
    RowPresenter.new(TagContract.read, nil).call(row).fetch(key) { row.public_send(key) }
  end
end
