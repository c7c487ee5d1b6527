# frozen_string_literal: true

# The list parameters of a resource (search, filters, sort, pagination) read from the
# query string and applied to a relation.
class ListQuery
  MAX_OFFSET = 10**15

  def initialize(contract, query)
    @contract = contract
    @values = read(query)
  end

  def apply(rows)
    sort(rows)
  end

  # The page envelope of `rows`, each row shown by the block.
  def page(rows, &show)
    case @contract.pagination[:style]
    when "offset" then offset_page(rows, &show)
    when "cursor" then cursor_page(rows, &show)
    else { items: rows.map(&show) }
    end
  end

  private

  def read(query)
    values = {}
    errors = []
    @contract.params.each do |param|
      next unless query.key?(param[:name])

      values[param[:name]] = ValueChecker.parse_param(param, query[param[:name]])
    rescue ValueChecker::Invalid => e
      errors << { field: param[:name], message: e.message }
    end
    raise ApiError.invalid(errors) if errors.any?

    values
  end

  def param(role)
    @contract.params.find { |param| param[:role] == role }
  end

  def size
    @values.fetch("size") { param("size")[:default] }
  end

  def sort(rows)
    rows.order(id: :asc)
  end

  def offset_page(rows, &show)
    number = @values.fetch("page", 1)
    raise ApiError.invalid([{ field: "page", message: "is too large" }]) if (number - 1) * size > MAX_OFFSET

    items = rows.offset((number - 1) * size).limit(size).map(&show)
    { items: items, total: rows.count, page: number, size: size }
  end

  def cursor_page(rows, &show)
    offset = decode_cursor(@values["cursor"])
    found = rows.offset(offset).limit(size + 1).to_a
    more = found.length > size
    { items: found.first(size).map(&show), next_cursor: more ? encode_cursor(offset + size) : nil }
  end

  def encode_cursor(offset)
    Base64.urlsafe_encode64("o:#{offset}", padding: false)
  end

  def decode_cursor(cursor)
    return 0 if cursor.blank?

    text = Base64.urlsafe_decode64(cursor)
    match = /\Ao:(\d{1,15})\z/.match(text)
    raise ArgumentError, "not a cursor" if match.nil?

    Integer(match[1], 10)
  rescue ArgumentError
    raise ApiError.invalid([{ field: "cursor", message: "is not a cursor of this list" }])
  end
end
