# frozen_string_literal: true

require "test_helper"

# /blogs: CRUD, validation, access, lists and actions.
class BlogsTest < ActionDispatch::IntegrationTest
  test "lists blogs in a page envelope" do
    _, headers = sign_in(nil)
    get "/blogs", headers: headers
    assert_response :ok
    assert_kind_of Array, json["items"]
    assert_equal 1, json["page"]
    assert json.key?("total")
  end

  test "rejects a page size above the maximum" do
    _, headers = sign_in(nil)
    get "/blogs", params: { size: 101 }, headers: headers
    assert_response :unprocessable_entity
    assert_equal "size", json["errors"].first["field"]
  end

  test "pages through blogs" do
    _, headers = sign_in(nil)
    row = create_blog
    create_blog
    get "/blogs", params: { size: 1 }, headers: headers
    assert_response :ok
    assert_equal([row.id], json["items"].map { |item| item["id"] })
    assert_operator json["total"], :>=, 1
  end

  test "creates a blog" do
    _, headers = sign_in(nil)
    send_json :post, "/blogs", { "name" => "name-1", "handle" => "handle-1" }, headers: headers
    assert_response :created
    assert json["id"].positive?
  end

  test "rejects an invalid name (max_length)" do
    _, headers = sign_in(nil)
    body = { "name" => "name-1", "handle" => "handle-1" }.merge("name" => "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
    send_json :post, "/blogs", body, headers: headers
    assert_response :unprocessable_entity
    assert_includes(json["errors"].map { |error| error["field"] }, "name")
  end

  test "rejects unknown keys and malformed JSON" do
    _, headers = sign_in(nil)
    send_json :post, "/blogs", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
    post "/blogs", params: "{not json", headers: headers.merge("Content-Type" => "application/json")
    assert_response :bad_request
  end

  test "reads a blog" do
    _, headers = sign_in(nil)
    row = create_blog
    get "/blogs/#{row.id}", headers: headers
    assert_response :ok
    assert_equal row.id, json["id"]
    get "/blogs/0", headers: headers
    assert_response :not_found
    get "/blogs/abc", headers: headers
    assert_response :not_found
  end

  test "updates a blog" do
    _, headers = sign_in(nil)
    row = create_blog
    body = { "name" => "name-7" }
    send_json :patch, "/blogs/#{row.id}", body, headers: headers
    assert_response :ok
    send_json :patch, "/blogs/#{row.id}", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
  end

  test "deletes a blog" do
    _, headers = sign_in(nil)
    row = create_blog
    delete "/blogs/#{row.id}", headers: headers
    assert_response :no_content
    get "/blogs/#{row.id}", headers: headers
    assert_response :not_found
    assert_not Blog.exists?(row.id)
  end

  test "answers 401 without a token" do
    row = create_blog
    assert row
    get "/blogs"
    assert_response :unauthorized
    get "/blogs", headers: { "Authorization" => "Bearer not-a-token" }
    assert_response :unauthorized
  end

  private

  def get_value(row, key)
    RowPresenter.new(BlogContract.read, nil).call(row).fetch(key) { row.public_send(key) }
  end
end
