# frozen_string_literal: true

# Rate limits of the contract (429 with Retry-After); RATE_LIMIT_ENABLED=false turns them off.
Rack::Attack.enabled = AppSettings.rate_limit_enabled?
Rack::Attack.cache.store = ActiveSupport::Cache::MemoryStore.new

# Who a limit counts: the signed-in user (else the address), the address, or everyone.
module RateLimitKeys
  module_function

  def user(request)
    header = request.get_header("HTTP_AUTHORIZATION").to_s
    token = header.split(" ", 2).last if header.downcase.start_with?("bearer ")
    subject = token && JWT.decode(token, AppSettings.secret_key, true, algorithm: "HS256").first["sub"]
    subject ? "user:#{subject}" : "ip:#{request.ip}"
  rescue JWT::DecodeError
    "ip:#{request.ip}"
  end

  def ip(request)
    "ip:#{request.ip}"
  end

  def global(_request)
    "all"
  end
end

RATE_LIMITS = [
  {
    operation: "auth_register",
    method: "POST",
    path: %r{\A/auth/register\z},
    count: 10,
    period: 60,
    scope: "ip"
  },
  {
    operation: "auth_login",
    method: "POST",
    path: %r{\A/auth/login\z},
    count: 10,
    period: 60,
    scope: "ip"
  },
  {
    operation: "auth_refresh",
    method: "POST",
    path: %r{\A/auth/refresh\z},
    count: 10,
    period: 60,
    scope: "ip"
  }
].freeze

RATE_LIMITS.each do |limit|
  name = "#{limit[:operation]}/#{limit[:count]}/#{limit[:period]}/#{limit[:scope]}"
  Rack::Attack.throttle(name, limit: limit[:count], period: limit[:period]) do |request|
    next unless request.request_method == limit[:method] && limit[:path].match?(request.path)

    RateLimitKeys.public_send(limit[:scope], request)
  end
end

Rack::Attack.throttled_responder = lambda do |request|
  match = request.env["rack.attack.match_data"] || {}
  now = match[:epoch_time] || Time.now.to_i
  retry_after = match[:period] ? (match[:period] - (now % match[:period])) : 60
  body = { detail: "Too many requests; try again later.", errors: [] }
  [429, { "content-type" => "application/json", "retry-after" => retry_after.to_s }, [JSON.generate(body)]]
end
