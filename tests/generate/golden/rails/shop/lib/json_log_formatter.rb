# frozen_string_literal: true

require "json"
require "logger"
require "time"

# One JSON object per log line: time, level, message and any fields given as a Hash.
class JsonLogFormatter < Logger::Formatter
  def call(severity, time, _progname, message)
    entry = { time: time.utc.iso8601(3), level: severity.downcase }
    message.is_a?(Hash) ? entry.merge!(message) : entry[:message] = message.to_s.strip
    "#{JSON.generate(entry)}\n"
  end
end
