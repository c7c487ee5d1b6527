# frozen_string_literal: true

# The service's settings, read from the environment (see .env.example).
module AppSettings
  EXAMPLE_SECRET = "change-me-to-a-long-random-string"
  ENVIRONMENTS = %w[development test production].freeze

  module_function

  def environment
    ENV.fetch("ENVIRONMENT", "development")
  end

  def production?
    environment == "production"
  end

  def secret_key
    ENV.fetch("SECRET_KEY", EXAMPLE_SECRET)
  end

  # Refuses to run in production without a real SECRET_KEY.
  def check!
    unless ENVIRONMENTS.include?(environment)
      raise ArgumentError, "ENVIRONMENT must be one of #{ENVIRONMENTS.join(', ')}"
    end
    return unless production? && [EXAMPLE_SECRET, ""].include?(secret_key)

    raise ArgumentError, "SECRET_KEY must be set to a secret value when ENVIRONMENT=production"
  end

  def cors_origins
    ENV.fetch("CORS_ORIGINS", "").split(",").map(&:strip).reject(&:empty?)
  end

  def log_level
    ENV.fetch("LOG_LEVEL", "info").downcase
  end

  def rate_limit_enabled?
    ENV.fetch("RATE_LIMIT_ENABLED", "true").casecmp?("true")
  end

  def access_token_lifetime
    Integer(ENV.fetch("ACCESS_TOKEN_MINUTES", "30"), 10) * 60
  end

  def refresh_token_lifetime
    Integer(ENV.fetch("REFRESH_TOKEN_DAYS", "7"), 10) * 86_400
  end

  def default_role
    role = ENV.fetch("DEFAULT_ROLE", "")
    role.empty? ? nil : role
  end

  # The database URL in the form Rails reads; `sqlite:///./path` becomes `sqlite3:path`.
  def database_url(fallback, variable: "DATABASE_URL")
    url = ENV.fetch(variable, "").strip
    url = fallback if url.empty?
    url.sub(%r{\Asqlite:///(\./)?}, "sqlite3:").sub(/\Apostgres(ql)?\+\w+:/, "postgresql:")
  end
end
