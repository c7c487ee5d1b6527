# frozen_string_literal: true

# How one resource is served: its model, its bodies and list parameters (as in
# openapi.json), who may call each endpoint, and how rows are kept.
ResourceContract = Struct.new(
  :model, :read, :create, :update, :params, :pagination, :search, :access,
  :owner, :tenant, :soft_delete, :versioned,
  keyword_init: true
) do
  def many
    (create || update).select { |field| field[:many] }.to_h { |field| [field[:name], field[:source]] }
  end

  def writable_roles
    (create || update).select { |field| field[:write_roles] }.to_h { |field| [field[:name], field[:write_roles]] }
  end
end
