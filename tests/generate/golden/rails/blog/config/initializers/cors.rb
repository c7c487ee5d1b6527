# frozen_string_literal: true

# Browsers may call the API from the origins in CORS_ORIGINS (comma-separated).
Rails.application.config.middleware.insert_before 0, Rack::Cors do
  allow do
    origins(*AppSettings.cors_origins)
    resource "*",
             headers: :any,
             methods: %i[get post put patch delete options head],
             expose: %w[Retry-After]
  end
end
