# frozen_string_literal: true

# One OAuth2 identity provider, configured by OAUTH_<PROVIDER>_* variables.
class OAuthClient
  SETTINGS = %w[CLIENT_ID CLIENT_SECRET AUTHORIZE_URL TOKEN_URL USERINFO_URL].freeze

  def initialize(provider)
    prefix = "OAUTH_#{provider.upcase}_"
    @settings = SETTINGS.to_h { |name| [name, ENV.fetch(prefix + name, "")] }
  end

  def configured?
    @settings.values.none?(&:empty?)
  end

  def authorize_url(query)
    params = { response_type: "code", client_id: @settings["CLIENT_ID"] }.merge(query.symbolize_keys)
    "#{@settings['AUTHORIZE_URL']}?#{params.to_query}"
  end

  # The email of the account that granted `code`, nil when the provider refuses it.
  def email_for(code, redirect_uri)
    token = access_token(code, redirect_uri)
    return nil if token.nil?

    answer = get_json(@settings["USERINFO_URL"], token)
    answer && answer["email"].presence
  end

  private

  def access_token(code, redirect_uri)
    form = {
      grant_type: "authorization_code", code: code, redirect_uri: redirect_uri,
      client_id: @settings["CLIENT_ID"], client_secret: @settings["CLIENT_SECRET"]
    }.compact
    response = Net::HTTP.post_form(URI(@settings["TOKEN_URL"]), form)
    response.is_a?(Net::HTTPSuccess) ? JSON.parse(response.body)["access_token"] : nil
  rescue JSON::ParserError, SocketError, SystemCallError, Net::OpenTimeout, Net::ReadTimeout
    nil
  end

  def get_json(url, token)
    uri = URI(url)
    request = Net::HTTP::Get.new(uri, "Authorization" => "Bearer #{token}")
    options = { use_ssl: uri.scheme == "https", open_timeout: 5, read_timeout: 10 }
    response = Net::HTTP.start(uri.host, uri.port, **options) { |http| http.request(request) }
    response.is_a?(Net::HTTPSuccess) ? JSON.parse(response.body) : nil
  rescue JSON::ParserError, SocketError, SystemCallError, Net::OpenTimeout, Net::ReadTimeout
    nil
  end
end
