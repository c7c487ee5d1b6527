# frozen_string_literal: true

# The five endpoints every resource has (list, create, read, update, delete), driven by
# the controller's CONTRACT (see app/contracts).
module ResourceEndpoints
  extend ActiveSupport::Concern
  include RowWrites

  MAX_ID = (2**63) - 1

  def index
    narrow = authorize_operation!(:index)
    query = ListQuery.new(contract, request.query_parameters)
    rows = query.apply(visible_rows(narrow))
    rows = rows.preload(*many_sets) if many_sets.any?
    render json: query.page(rows) { |row| present_row(row) }
  end

  def show
    render json: present_row(find_row(authorize_operation!(:show)))
  end

  def create
    authorize_operation!(:create, creating: true)
    values = RequestBody.parse(request.raw_post, contract.create)
    row = contract.model.new
    assign_values(row, values)
    row.save!
    render json: present_row(row), status: :created
  end

  def update
    row = find_row(authorize_operation!(:update))
    values = RequestBody.parse(request.raw_post, contract.update)
    # Assigning `<name>_ids` to a stored row writes its join rows at once: one transaction
    # keeps a failed save (409, 422) from leaving the many-to-many sets changed.
    contract.model.transaction do
      assign_values(row, values)
      row.save!
    end
    render json: present_row(row)
  end

  def destroy
    row = find_row(authorize_operation!(:destroy))
    row.destroy!
    head :no_content
  end

  private

  # The many-to-many sets of the read body: loaded for a whole page at once, not per row.
  def many_sets
    contract.read.select { |field| field[:many] }.map { |field| field[:source].to_sym }
  end

  def contract
    self.class::CONTRACT
  end

  def authorize_operation!(operation, creating: false)
    principals = contract.access.fetch(operation)
    authorize!(principals, owner: contract.owner.present?, tenant: contract.tenant.present?, creating: creating)
  end

  # The rows the caller may see: not soft-deleted, inside their own (or tenant's) rows.
  def visible_rows(_narrow)
    contract.model.all
  end

  # The row named by the path id; unknown, hidden and malformed ids answer 404.
  def find_row(narrow)
    id = request.path_parameters[:id].to_s
    raise ApiError.not_found unless /\A[1-9]\d{0,18}\z/.match?(id) && Integer(id, 10) <= MAX_ID

    visible_rows(narrow).find_by(id: Integer(id, 10)) || raise(ApiError.not_found)
  end

  def present_row(row)
    RowPresenter.new(contract.read, current_role).call(row)
  end
end
