# frozen_string_literal: true

# Who is calling (a bearer access token) and whether they may call an operation.
module Authentication
  extend ActiveSupport::Concern

  private

  # The signed-in user, nil when no token was sent; a bad token answers 401.
  def current_user
    return @current_user if defined?(@current_user)

    @current_user = user_from_token
  end

  def user_from_token
    header = request.authorization
    return nil if header.blank?

    scheme, token = header.split(" ", 2)
    raise ApiError.unauthenticated unless scheme.casecmp?("bearer") && token.present?

    claims = JsonWebToken.decode(token, "access")
    User.find_by(id: claims["sub"]) || raise(ApiError.unauthenticated)
  end

  def current_role
    current_user&.role
  end

  # Checks that the caller is one of `principals`; the answer says which rows they may
  # touch: :all, :owner (their own rows) or :tenant (their tenant's rows).
  def authorize!(principals, owner: false, tenant: false, creating: false)
    caller = current_user
    return :all if principals.include?("anyone")
    raise ApiError.unauthenticated if caller.nil?
    return :all if principals.include?("authenticated") || principals.include?(caller.role)

    narrow = row_scope(principals, owner, tenant)
    raise ApiError.forbidden if narrow.nil?

    creating ? :all : narrow
  end

  def row_scope(principals, owner, tenant)
    return :owner if owner && principals.include?("owner")

    :tenant if tenant && principals.include?("tenant")
  end
end
