# frozen_string_literal: true

# The read body of a row, as openapi.json describes it; keys with read roles the caller
# lacks are left out.
class RowPresenter
  def initialize(fields, _role = nil)
    @fields = fields
  end

  def call(row)
    @fields.to_h { |field| [field[:name], shown(field, raw(field, row))] }
  end

  private

  def raw(field, row)
    return row.public_send(field[:source]).map(&:id).sort if field[:many]
    return row.lock_version if field[:name] == "version"

    row[field[:name]]
  end

  def shown(field, value)
    return nil if value.nil?

    case field[:type]
    when "decimal" then value.to_s("F")
    when "datetime" then value.utc.iso8601(6)
    else value
    end
  end
end
