# frozen_string_literal: true

require "test_helper"

# /posts: CRUD, validation, access, lists and actions.
class PostsTest < ActionDispatch::IntegrationTest
  test "lists posts in a page envelope" do
    _, headers = sign_in(nil)
    get "/posts", headers: headers
    assert_response :ok
    assert_kind_of Array, json["items"]
    assert json.key?("next_cursor")
  end

  test "rejects a page size above the maximum" do
    _, headers = sign_in(nil)
    get "/posts", params: { size: 101 }, headers: headers
    assert_response :unprocessable_entity
    assert_equal "size", json["errors"].first["field"]
  end

  test "pages through posts" do
    _, headers = sign_in(nil)
    row = create_post
    create_post
    get "/posts", params: { size: 1 }, headers: headers
    assert_response :ok
    assert_equal([row.id], json["items"].map { |item| item["id"] })
    get "/posts", params: { size: 1, cursor: json["next_cursor"] }, headers: headers
    assert_response :ok
    assert_equal 1, json["items"].length
    get "/posts", params: { cursor: "not-a-cursor" }, headers: headers
    assert_response :unprocessable_entity
  end

  test "creates a post" do
    _, headers = sign_in(nil)
    send_json :post, "/posts", { "title" => "title-1", "content" => "content-1", "date" => "2024-01-01T00:01:00+00:00" }, headers: headers
    assert_response :created
    assert json["id"].positive?
  end

  test "rejects an invalid title (max_length)" do
    _, headers = sign_in(nil)
    body = { "title" => "title-1", "content" => "content-1", "date" => "2024-01-01T00:01:00+00:00" }.merge("title" => "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
    send_json :post, "/posts", body, headers: headers
    assert_response :unprocessable_entity
    assert_includes(json["errors"].map { |error| error["field"] }, "title")
  end

  test "rejects unknown keys and malformed JSON" do
    _, headers = sign_in(nil)
    send_json :post, "/posts", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
    post "/posts", params: "{not json", headers: headers.merge("Content-Type" => "application/json")
    assert_response :bad_request
  end

  test "reads a post" do
    _, headers = sign_in(nil)
    row = create_post
    get "/posts/#{row.id}", headers: headers
    assert_response :ok
    assert_equal row.id, json["id"]
    get "/posts/0", headers: headers
    assert_response :not_found
    get "/posts/abc", headers: headers
    assert_response :not_found
  end

  test "updates a post" do
    _, headers = sign_in(nil)
    row = create_post
    body = { "title" => "title-7" }
    send_json :patch, "/posts/#{row.id}", body, headers: headers
    assert_response :ok
    send_json :patch, "/posts/#{row.id}", { "not_a_field" => 1 }, headers: headers
    assert_response :unprocessable_entity
  end

  test "deletes a post" do
    _, headers = sign_in(nil)
    row = create_post
    delete "/posts/#{row.id}", headers: headers
    assert_response :no_content
    get "/posts/#{row.id}", headers: headers
    assert_response :not_found
    assert_not Post.exists?(row.id)
  end

  test "answers 401 without a token" do
    row = create_post
    assert row
    get "/posts"
    assert_response :unauthorized
    get "/posts", headers: { "Authorization" => "Bearer not-a-token" }
    assert_response :unauthorized
  end

  private

  def get_value(row, key)
    RowPresenter.new(PostContract.read, nil).call(row).fetch(key) { row.public_send(key) }
  end
end
