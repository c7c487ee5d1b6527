# frozen_string_literal: true

require "test_helper"

# Every kind of value the contract has, valid and not.
class ValueCheckerTest < ActiveSupport::TestCase
  def check(field, value)
    ValueChecker.check(field, value)
  end

  def refuses(field, value)
    assert_raises(ValueChecker::Invalid) { check(field, value) }
  end

  test "checks numbers" do
    assert_equal 3, check({ type: "int" }, 3.0)
    refuses({ type: "int" }, 2**40)
    refuses({ type: "int" }, "3")
    refuses({ type: "int", minimum: 1 }, 0)
    refuses({ type: "int", maximum: 1 }, 2)
    assert_in_delta 1.5, check({ type: "float" }, 1.5)
    refuses({ type: "float" }, "1.5")
    assert_equal BigDecimal("1.25"), check({ type: "decimal", pattern: /\A\d+(\.\d{1,2})?\z/ }, "1.25")
    refuses({ type: "decimal", pattern: /\A\d+(\.\d{1,2})?\z/ }, "1.255")
    refuses({ type: "decimal" }, 1)
    refuses({ type: "decimal" }, "abc")
  end

  test "checks text and formats" do
    assert_equal "a@b.c", check({ type: "email" }, "a@b.c")
    refuses({ type: "email" }, "not-an-email")
    refuses({ type: "string", max_length: 2 }, "abc")
    refuses({ type: "string", min_length: 2 }, "a")
    refuses({ type: "string", pattern: /\Aa/ }, "b")
    refuses({ type: "string" }, "nul\u0000")
    refuses({ type: "string" }, 1)
    refuses({ type: "uuid" }, "123")
    refuses({ type: "url" }, "relative/path")
    refuses({ type: "url" }, "http://exa mple.com")
    assert_equal "2024-01-31", check({ type: "date" }, "2024-01-31")
    refuses({ type: "date" }, "2024-02-31")
    refuses({ type: "date" }, "31/01/2024")
    assert_equal "2024-01-01T00:00:00Z", check({ type: "datetime" }, "2024-01-01T00:00:00Z")
    refuses({ type: "datetime" }, "yesterday")
    assert_equal "12:30:00", check({ type: "time" }, "12:30:00")
    refuses({ type: "time" }, "noon")
  end

  test "checks choices, booleans, lists and JSON" do
    refuses({ type: "enum", choices: %w[a b] }, "c")
    assert check({ type: "bool" }, true)
    refuses({ type: "bool" }, "true")
    assert_equal [1, 2], check({ type: "id", many: true }, [1, 2])
    refuses({ type: "id", many: true }, 1)
    assert_equal({ "a" => [1] }, check({ type: "json" }, { "a" => [1] }))
  end

  test "parses query parameters" do
    assert_equal 5, ValueChecker.parse_param({ type: "int" }, "5")
    assert ValueChecker.parse_param({ type: "bool" }, "true")
    assert_in_delta 2.5, ValueChecker.parse_param({ type: "float" }, "2.5")
    assert_raises(ValueChecker::Invalid) { ValueChecker.parse_param({ type: "int" }, "five") }
    assert_raises(ValueChecker::Invalid) { ValueChecker.parse_param({ type: "float" }, "x") }
    assert_raises(ValueChecker::Invalid) { ValueChecker.parse_param({ type: "bool" }, "yes") }
    assert_raises(ValueChecker::Invalid) { ValueChecker.parse_param({ type: "int" }, ["1"]) }
    assert_equal "abc", ValueChecker.parse_param({ type: "string" }, "abc")
  end

  test "reads request bodies" do
    fields = [{ name: "a", type: "string", required: true }, { name: "b", type: "int", nullable: true }]
    assert_equal({ "a" => "x", "b" => nil }, RequestBody.parse('{"a": "x", "b": null}', fields))
    error = assert_raises(ApiError) { RequestBody.parse('{"b": "x", "c": 1}', fields) }
    assert_equal(%w[c a b], error.errors.map { |e| e[:field] })
    assert_equal 422, assert_raises(ApiError) { RequestBody.parse("[1]", fields) }.status
    assert_equal 400, assert_raises(ApiError) { RequestBody.parse("{", fields) }.status
    assert_equal 400, assert_raises(ApiError) { RequestBody.parse("\xff".b, fields) }.status
    assert_equal 422, assert_raises(ApiError) { RequestBody.parse('{"a": null}', fields) }.status
  end
end
