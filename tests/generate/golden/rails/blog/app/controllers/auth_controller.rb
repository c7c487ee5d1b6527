# frozen_string_literal: true

# /auth: accounts, sign-in and tokens.
class AuthController < ApplicationController
  REGISTER = [
    { name: "email", type: "email", required: true, max_length: 254 },
    { name: "name", type: "string", nullable: true, max_length: 150 },
    { name: "password", type: "string", required: true, max_length: 128, min_length: 8 }
  ].freeze
  LOGIN = [
    { name: "email", type: "email", required: true, max_length: 254 },
    { name: "password", type: "string", required: true, max_length: 128, min_length: 1 }
  ].freeze
  REFRESH = [
    { name: "refresh_token", type: "string", required: true, max_length: 4096 }
  ].freeze

  # POST /auth/register
  def register
    values = RequestBody.parse(request.raw_post, REGISTER)
    user = User.new(values.merge("role" => AppSettings.default_role))
    user.save!
    render json: present_user(user), status: :created
  end

  # POST /auth/login
  def login
    values = RequestBody.parse(request.raw_post, LOGIN)
    user = User.find_by(email: values["email"])
    raise ApiError.new(401, "Wrong email or password.") unless user&.authenticate(values["password"])

    render json: JsonWebToken.pair(user)
  end

  # POST /auth/refresh
  def refresh
    values = RequestBody.parse(request.raw_post, REFRESH)
    claims = JsonWebToken.decode(values["refresh_token"], "refresh")
    user = User.find_by(id: claims["sub"]) || raise(ApiError.unauthenticated)
    render json: JsonWebToken.pair(user)
  end

  # GET /auth/me
  def me
    raise ApiError.unauthenticated if current_user.nil?

    render json: present_user(current_user)
  end

  private

  # The user as they see themselves (fields readable by "owner" included).
  def present_user(user)
    RowPresenter.new(USER_FIELDS, user.role).call(user)
  end

  USER_FIELDS = [
    { name: "id", type: "id", required: true, minimum: 1 },
    { name: "email", type: "email", required: true, max_length: 254 },
    { name: "name", type: "string", required: true, nullable: true, max_length: 150 },
    { name: "created_at", type: "datetime", required: true },
    { name: "updated_at", type: "datetime", required: true }
  ].freeze
  private_constant :USER_FIELDS
end
