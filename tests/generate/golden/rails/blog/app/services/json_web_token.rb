# frozen_string_literal: true

# Signed access and refresh tokens (HS256, the SECRET_KEY).
module JsonWebToken
  ALGORITHM = "HS256"

  module_function

  def encode(user, type)
    lifetime = type == "refresh" ? AppSettings.refresh_token_lifetime : AppSettings.access_token_lifetime
    now = Time.now.to_i
    claims = { sub: user.id.to_s, type: type, iat: now, exp: now + lifetime.to_i, jti: SecureRandom.uuid }
    JWT.encode(claims, AppSettings.secret_key, ALGORITHM)
  end

  # The claims of a valid token of `type`; anything else answers 401.
  def decode(token, type)
    claims, = JWT.decode(token, AppSettings.secret_key, true, algorithm: ALGORITHM)
    raise ApiError.unauthenticated unless claims["type"] == type

    claims
  rescue JWT::DecodeError
    raise ApiError.unauthenticated
  end

  def pair(user)
    {
      access_token: encode(user, "access"),
      refresh_token: encode(user, "refresh"),
      token_type: "bearer",
      expires_in: AppSettings.access_token_lifetime.to_i
    }
  end
end
